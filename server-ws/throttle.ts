import type { Duplex } from "node:stream";

const HIGH_WATER = 8 << 20;
const LOW_WATER = 4 << 20;

/** Pauses `from` while `to` has too much unsent, so a slow side bounds the relay's memory. */
export function throttle(from: Duplex, to: Duplex, paused: { value: boolean }) {
  if (paused.value || to.writableLength <= HIGH_WATER) return;
  paused.value = true;
  from.pause();
  // Polling for the low-water mark keeps the pipe fuller than waiting for the socket to drain empty.
  const check = setInterval(() => {
    if (to.destroyed || to.writableLength < LOW_WATER) {
      clearInterval(check);
      paused.value = false;
      from.resume();
    }
  }, 5);
}
