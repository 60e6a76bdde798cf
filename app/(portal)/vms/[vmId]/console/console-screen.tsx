"use client";

import dynamic from "next/dynamic";
import { useCallback, useEffect, useRef, useState } from "react";
import type { VncScreenHandle } from "react-vnc";
import { Button } from "@/components/ui/button";
import { explainConsoleCloseAction, openConsoleAction } from "../../actions";

// noVNC touches `window` when loaded, so it is never rendered on the server.
const VncScreen = dynamic(() => import("react-vnc").then((module) => module.VncScreen), { ssr: false });

type Status = { state: "connecting" } | { state: "connected" } | { state: "disconnected"; why: string };

export function ConsoleScreen({ vmId, vmName }: { vmId: string; vmName: string }) {
  const screen = useRef<VncScreenHandle>(null);
  const [session, setSession] = useState<{
    url: string;
    token: string;
    password: string;
    key: number;
  } | null>(null);
  const [status, setStatus] = useState<Status>({ state: "connecting" });
  const [scale, setScale] = useState(true);

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
        <span role="status" data-testid="console-status" className="mr-auto text-sm">
          {status.state === "connecting" && `Connecting to ${vmName}…`}
          {status.state === "connected" && `Connected to ${vmName}`}
          {status.state === "disconnected" && `Disconnected: ${status.why}`}
        </span>
        <Button
          size="sm"
          variant="outline"
          onClick={() => screen.current?.sendCtrlAltDel()}
          disabled={status.state !== "connected"}
        >
          Ctrl+Alt+Del
        </Button>
        <Button
          size="sm"
          variant="outline"
          disabled={status.state !== "connected"}
          onClick={async () => screen.current?.clipboardPaste(await navigator.clipboard.readText())}
        >
          Type clipboard
        </Button>
        <Button size="sm" variant="outline" onClick={() => setScale(!scale)}>
          {scale ? "Show 1:1" : "Fit to window"}
        </Button>
        <Button
          size="sm"
          variant="outline"
          onClick={() => document.getElementById("console-frame")?.requestFullscreen()}
        >
          Full screen
        </Button>
        <Button size="sm" onClick={() => void connect()}>
          Reconnect
        </Button>
      </div>
      <div id="console-frame" className="min-h-0 flex-1 overflow-auto rounded-lg border bg-black">
        {session && (
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
              setStatus({ state: "disconnected", why: result.ok ? result.data.why : "The console closed." });
            }}
            onSecurityFailure={() =>
              setStatus({ state: "disconnected", why: "The VM refused the console's password." })
            }
          />
        )}
      </div>
    </div>
  );
}
