import "server-only";

/** What the shared heartbeat calls on each open stream: `beat` counts the heartbeats so far. */
export interface HeartbeatListener {
  beat(beat: number): void;
}

export const HEARTBEAT_MS = 25_000;

interface Heartbeat {
  listeners: Set<HeartbeatListener>;
  timer: NodeJS.Timeout | null;
  beats: number;
}

// One timer for every open stream of the process, not one each; shared by the bundles of one Next server.
const holder = globalThis as unknown as { roostLiveHeartbeat?: Heartbeat };
holder.roostLiveHeartbeat ??= { listeners: new Set(), timer: null, beats: 0 };
const heartbeat = holder.roostLiveHeartbeat;

function beatAll(): void {
  heartbeat.beats += 1;
  for (const listener of heartbeat.listeners) listener.beat(heartbeat.beats);
}

/** Calls `listener.beat` every 25 s until the returned function is called; the timer runs while anyone listens. */
export function joinHeartbeat(listener: HeartbeatListener): () => void {
  heartbeat.listeners.add(listener);
  if (!heartbeat.timer) {
    heartbeat.timer = setInterval(beatAll, HEARTBEAT_MS);
    heartbeat.timer.unref();
  }
  return () => {
    heartbeat.listeners.delete(listener);
    if (heartbeat.listeners.size > 0 || !heartbeat.timer) return;
    clearInterval(heartbeat.timer);
    heartbeat.timer = null;
  };
}
