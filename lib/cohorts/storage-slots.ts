/**
 * Clones in flight per storage, across every batch this process runs: Proxmox allocates a storage's
 * volumes one at a time under its lock, so more clones at once only wait there, and time out.
 */
const inFlight = new Map<string, { running: number; waiting: (() => void)[] }>();

/** Waits until fewer than `limit` others hold a slot of `key`, takes one and answers its release. */
export async function takeStorageSlot(key: string, limit: number): Promise<() => void> {
  let slot = inFlight.get(key);
  if (!slot) {
    slot = { running: 0, waiting: [] };
    inFlight.set(key, slot);
  }
  const held = slot;
  while (held.running >= limit) await new Promise<void>((resolve) => held.waiting.push(resolve));
  held.running++;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    held.running--;
    held.waiting.shift()?.();
    if (held.running === 0 && held.waiting.length === 0) inFlight.delete(key);
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
