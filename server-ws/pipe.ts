import type WebSocket from "ws";

const HIGH_WATER = 8 << 20;
const LOW_WATER = 4 << 20;

export interface PipeStats {
  bytesToBrowser: number;
  bytesToVm: number;
}

/** Sends `data` on, pausing the source while the destination has too much unsent, so memory stays bounded. */
function forward(from: WebSocket, to: WebSocket, count: (bytes: number) => void) {
  from.on("message", (data: Buffer) => {
    if (to.readyState !== to.OPEN) return;
    count(data.length);
    to.send(data, { binary: true, compress: false });
    // Polling for the low-water mark keeps the pipe fuller than waiting for the socket to drain empty.
    if (to.bufferedAmount > HIGH_WATER && !from.isPaused) {
      from.pause();
      const check = setInterval(() => {
        if (to.readyState !== to.OPEN || to.bufferedAmount < LOW_WATER) {
          clearInterval(check);
          from.resume();
        }
      }, 5);
    }
  });
}

/**
 * Relays binary frames both ways between the browser and Proxmox. When either side closes, the other is
 * closed with a reason the console page can show; silence for `idleMs` ends the session. The function it
 * returns ends the session from outside (the portal revoked it), with a code and reason for the page.
 */
export function pipeWebSockets(
  browser: WebSocket,
  upstream: WebSocket,
  options: { idleMs: number; pingMs: number; onClose: (stats: PipeStats, reason: string) => void },
): (code: number, reason: string) => void {
  const stats: PipeStats = { bytesToBrowser: 0, bytesToVm: 0 };
  let lastActivity = Date.now();
  let closed = false;
  forward(upstream, browser, (bytes) => {
    stats.bytesToBrowser += bytes;
    lastActivity = Date.now();
  });
  forward(browser, upstream, (bytes) => {
    stats.bytesToVm += bytes;
    lastActivity = Date.now();
  });
  const timer = setInterval(
    () => {
      if (Date.now() - lastActivity > options.idleMs)
        finish(4008, "The console was idle for too long and was closed.");
      else if (browser.readyState === browser.OPEN) browser.ping();
    },
    Math.min(options.pingMs, options.idleMs),
  );
  const finish = (code: number, reason: string) => {
    if (closed) return;
    closed = true;
    clearInterval(timer);
    if (browser.readyState === browser.OPEN) browser.close(code, reason);
    if (upstream.readyState === upstream.OPEN || upstream.readyState === upstream.CONNECTING)
      upstream.terminate();
    options.onClose(stats, reason);
  };
  upstream.on("close", () =>
    finish(4000, "The VM's screen closed (the VM stopped or Proxmox ended the session)."),
  );
  upstream.on("error", () => finish(4502, "Proxmox could not be reached."));
  browser.on("close", () => finish(1000, "closed by the browser"));
  browser.on("error", () => finish(1011, "browser connection failed"));
  return finish;
}
