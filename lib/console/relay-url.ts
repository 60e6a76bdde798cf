import type { Config } from "@/lib/config";

/** Where browsers reach the console relay: ROOST_CONSOLE_URL, or the relay's port on the portal's host. */
export function consoleRelayUrl(config: Config): string {
  if (config.ROOST_CONSOLE_URL) return config.ROOST_CONSOLE_URL;
  const portal = new URL(config.publicUrl);
  const scheme = portal.protocol === "https:" ? "wss:" : "ws:";
  return `${scheme}//${portal.hostname}:${config.ROOST_RELAY_PORT}/console/ws`;
}
