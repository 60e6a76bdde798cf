import "server-only";
import { randomUUID } from "node:crypto";
import { releaseSlot, renewSlot, takeFreeSlot } from "@/db/queries/storage-slots";
import { log } from "@/lib/log";

/**
 * Clones in flight per storage, across every batch of every process of the portal: Proxmox allocates a
 * storage's volumes one at a time under its lock, so more clones at once only wait there, and time out.
 * The slots are rows (`storage_clone_slots`); a holder renews its slot while the clone runs, so one whose
 * process died frees it after `staleAfterMs`. In a process one taker per storage asks the database at a
 * time, the rest queue behind it, and a release here wakes it at once; releases elsewhere it polls for.
 */
const staleAfterMs = 2 * 60_000;
const renewEveryMs = 20_000;
const pollMs = 1_000;

const turns = new Map<string, Promise<void>>();
const wakeups = new Map<string, () => void>();

/** Waits until a slot of `key` below `limit` is free, takes it and answers its release (which never fails). */
export async function takeStorageSlot(key: string, limit: number): Promise<() => Promise<void>> {
  const before = turns.get(key) ?? Promise.resolve();
  let endTurn = () => {};
  const ended = new Promise<void>((resolve) => {
    endTurn = resolve;
  });
  const turn = before.then(() => ended);
  turns.set(key, turn);
  await before;
  try {
    const token = randomUUID();
    for (;;) {
      const now = new Date();
      const slot = await takeFreeSlot({
        storageKey: key,
        limit,
        token,
        now,
        staleBefore: new Date(now.getTime() - staleAfterMs),
      });
      if (slot !== null) return holding({ storageKey: key, slot, token });
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, pollMs);
        wakeups.set(key, () => {
          clearTimeout(timer);
          resolve();
        });
      });
      wakeups.delete(key);
    }
  } finally {
    endTurn();
    if (turns.get(key) === turn) turns.delete(key);
  }
}

function holding(held: { storageKey: string; slot: number; token: string }): () => Promise<void> {
  const renewal = setInterval(() => {
    renewSlot({ ...held, now: new Date() }).catch((error: unknown) =>
      log.warn({ err: error, ...held }, "could not renew a storage slot"),
    );
  }, renewEveryMs);
  renewal.unref();
  let released = false;
  return async () => {
    if (released) return;
    released = true;
    clearInterval(renewal);
    // A slot not given back is freed when it goes stale.
    await releaseSlot(held).catch((error: unknown) =>
      log.warn({ err: error, ...held }, "could not give a storage slot back"),
    );
    wakeups.get(held.storageKey)?.();
  };
}

/** The storage a template's first disk lives on, from its config: `local-lvm:base-9000-disk-0,size=3G`. */
export function templateStorage(config: Record<string, unknown>): string | null {
  for (const key of ["scsi0", "virtio0", "sata0", "ide0"]) {
    const value = config[key];
    if (typeof value === "string" && value.includes(":") && !value.includes("media=cdrom"))
      return value.split(":")[0]!;
  }
  return null;
}
