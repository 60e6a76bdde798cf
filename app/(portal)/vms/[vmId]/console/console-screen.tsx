"use client";

import { useTranslations } from "next-intl";
import { useCallback, useEffect, useRef, useState } from "react";
import type { VncScreen as VncScreenComponent, VncScreenHandle } from "react-vnc";
import { Button } from "@/components/ui/button";
import { explainConsoleCloseAction, openConsoleAction } from "../../actions";

type Status = { state: "connecting" } | { state: "connected" } | { state: "disconnected"; why: string };

export function ConsoleScreen({ vmId, vmName }: { vmId: string; vmName: string }) {
  const t = useTranslations("console");
  const screen = useRef<VncScreenHandle>(null);
  const [session, setSession] = useState<{
    url: string;
    token: string;
    password: string;
    key: number;
  } | null>(null);
  const [status, setStatus] = useState<Status>({ state: "connecting" });
  const [scale, setScale] = useState(true);
  // noVNC touches `window` when loaded, so it is loaded in the browser only, while the ticket is asked
  // for. Not next/dynamic: React holds a suspended component back for 300 ms once it is ready
  // (Suspense's fallback throttling), which was a third of the wait for the first frame.
  const [VncScreen, setVncScreen] = useState<typeof VncScreenComponent | null>(null);
  useEffect(() => {
    import("react-vnc").then(
      (module) => setVncScreen(() => module.VncScreen),
      () => setStatus({ state: "disconnected", why: t("notLoaded") }),
    );
  }, [t]);

  const connect = useCallback(async () => {
    setStatus({ state: "connecting" });
    setSession(null);
    const result = await openConsoleAction({ vmId });
    if (!result.ok) {
      setStatus({ state: "disconnected", why: result.error });
      return;
    }
    const url = `${result.data.relayUrl}?token=${encodeURIComponent(result.data.token)}`;
    setSession({ url, token: result.data.token, password: result.data.password, key: Date.now() });
  }, [vmId]);

  useEffect(() => {
    void connect();
  }, [connect]);

  return (
    <div className="flex h-[calc(100dvh-12rem)] flex-col gap-2">
      <div className="flex flex-wrap items-center gap-2">
        <span role="status" data-testid="console-status" className="me-auto text-sm">
          {status.state === "connecting" && t("connecting", { name: vmName })}
          {status.state === "connected" && t("connected", { name: vmName })}
          {status.state === "disconnected" && t("disconnected", { why: status.why })}
        </span>
        <Button
          size="sm"
          variant="outline"
          onClick={() => screen.current?.sendCtrlAltDel()}
          disabled={status.state !== "connected"}
        >
          {/* i18n-ignore: the key combination's name, as on the keyboard */}
          Ctrl+Alt+Del
        </Button>
        <Button
          size="sm"
          variant="outline"
          disabled={status.state !== "connected"}
          onClick={async () => screen.current?.clipboardPaste(await navigator.clipboard.readText())}
        >
          {t("typeClipboard")}
        </Button>
        <Button size="sm" variant="outline" onClick={() => setScale(!scale)}>
          {scale ? t("actualSize") : t("fit")}
        </Button>
        <Button
          size="sm"
          variant="outline"
          onClick={() => document.getElementById("console-frame")?.requestFullscreen()}
        >
          {t("fullScreen")}
        </Button>
        <Button size="sm" onClick={() => void connect()}>
          {t("reconnect")}
        </Button>
      </div>
      <div id="console-frame" className="min-h-0 flex-1 overflow-auto rounded-lg border bg-black">
        {session && VncScreen && (
          <VncScreen
            key={session.key}
            ref={screen}
            url={session.url}
            rfbOptions={{ credentials: { username: "", password: session.password, target: "" } }}
            scaleViewport={scale}
            background="#000"
            style={{ width: "100%", height: "100%" }}
            onConnect={() => setStatus({ state: "connected" })}
            onDisconnect={async () => {
              // noVNC does not pass on the relay's close reason, so the portal says why from what it knows.
              const result = await explainConsoleCloseAction({ vmId, token: session.token });
              setStatus({ state: "disconnected", why: result.ok ? result.data.why : t("closed") });
            }}
            onSecurityFailure={() => setStatus({ state: "disconnected", why: t("refused") })}
          />
        )}
      </div>
    </div>
  );
}
