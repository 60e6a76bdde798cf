"use client";

import "@xterm/xterm/css/xterm.css";
import { useTranslations } from "next-intl";
import { useCallback, useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { explainConsoleCloseAction, openConsoleAction } from "../../actions";

type Status = { state: "connecting" } | { state: "connected" } | { state: "disconnected"; why: string };

const encoder = new TextEncoder();

/** termproxy's framing, as pve-xtermjs speaks it: input, resize and keep-alive messages. */
const frame = {
  input: (data: string) => `0:${encoder.encode(data).length}:${data}`,
  resize: (cols: number, rows: number) => `1:${cols}:${rows}:`,
  ping: "2",
};

/** One connection: a fresh ticket, a terminal and its socket; remounted to reconnect. */
function TerminalSession({ vmId, setStatus }: { vmId: string; setStatus: (status: Status) => void }) {
  const t = useTranslations("console");
  const container = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let disposed = false;
    let cleanup = () => {};
    setStatus({ state: "connecting" });
    void (async () => {
      // xterm.js touches `window` when loaded, so it is imported here, in the browser only.
      const [{ Terminal }, { FitAddon }] = await Promise.all([
        import("@xterm/xterm"),
        import("@xterm/addon-fit"),
      ]);
      const result = await openConsoleAction({ vmId, kind: "serial" });
      if (disposed || !container.current) return;
      if (!result.ok) {
        setStatus({ state: "disconnected", why: result.error });
        return;
      }
      const terminal = new Terminal({ cursorBlink: true, convertEol: false, fontSize: 14 });
      const fit = new FitAddon();
      terminal.loadAddon(fit);
      terminal.open(container.current);
      fit.fit();
      const { token } = result.data;
      const socket = new WebSocket(`${result.data.relayUrl}?token=${encodeURIComponent(token)}`, "binary");
      socket.binaryType = "arraybuffer";
      let greeted = false;
      const decoder = new TextDecoder();
      socket.onmessage = (event) => {
        let text = decoder.decode(event.data as ArrayBuffer, { stream: true });
        if (!greeted) {
          // termproxy answers the relay's login with "OK" before the terminal's own output.
          if (!text.startsWith("OK")) return;
          greeted = true;
          text = text.slice(2);
          setStatus({ state: "connected" });
          socket.send(frame.resize(terminal.cols, terminal.rows));
          terminal.focus();
        }
        if (text) terminal.write(text);
      };
      socket.onclose = async (event) => {
        if (disposed) return;
        terminal.options.disableStdin = true;
        let why = event.reason;
        if (!why || event.code === 1000 || event.code === 1006) {
          const explained = await explainConsoleCloseAction({ vmId, token });
          why = explained.ok ? explained.data.why : t("closed");
        }
        setStatus({ state: "disconnected", why });
      };
      const input = terminal.onData((data) => {
        if (socket.readyState === WebSocket.OPEN) socket.send(frame.input(data));
      });
      const resized = terminal.onResize(({ cols, rows }) => {
        if (socket.readyState === WebSocket.OPEN) socket.send(frame.resize(cols, rows));
      });
      const ping = setInterval(() => {
        if (socket.readyState === WebSocket.OPEN) socket.send(frame.ping);
      }, 30_000);
      const onWindowResize = () => fit.fit();
      window.addEventListener("resize", onWindowResize);
      cleanup = () => {
        clearInterval(ping);
        window.removeEventListener("resize", onWindowResize);
        input.dispose();
        resized.dispose();
        socket.close();
        terminal.dispose();
      };
    })();
    return () => {
      disposed = true;
      cleanup();
    };
  }, [vmId, setStatus, t]);

  return (
    <div
      ref={container}
      data-testid="serial-terminal"
      className="min-h-0 flex-1 overflow-hidden rounded-lg border bg-black p-1"
    />
  );
}

export function TerminalScreen({ vmId, vmName }: { vmId: string; vmName: string }) {
  const t = useTranslations("console");
  const [status, setStatus] = useState<Status>({ state: "connecting" });
  const [attempt, setAttempt] = useState(0);
  const reconnect = useCallback(() => setAttempt((n) => n + 1), []);

  return (
    <div className="flex h-[calc(100dvh-12rem)] flex-col gap-2">
      <div className="flex flex-wrap items-center gap-2">
        <span role="status" data-testid="console-status" className="me-auto text-sm">
          {status.state === "connecting" && t("serialConnecting", { name: vmName })}
          {status.state === "connected" && t("serialConnected", { name: vmName })}
          {status.state === "disconnected" && t("disconnected", { why: status.why })}
        </span>
        <Button size="sm" onClick={reconnect}>
          {t("reconnect")}
        </Button>
      </div>
      <TerminalSession key={attempt} vmId={vmId} setStatus={setStatus} />
    </div>
  );
}
