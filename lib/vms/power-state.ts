/** The portal's power states, as a VM record and its badge name them. */
export type PowerState = "running" | "paused" | "stopped";

/**
 * One reading of a Proxmox status, wherever the portal meets one. `/cluster/resources` reports
 * `qmpstatus || status` (pve-manager pvestatd.pm), so a guest whose CPUs QEMU has halted reads
 * `paused`, `prelaunch` or `suspended` there, while `status/current` says `running` and puts the same
 * word in `qmpstatus`. Pass both when both are known. `unknown` (no statistics from the node yet) and
 * anything missing give null: the portal does not know, and keeps what it had.
 */
export function powerStateOf(status: string | undefined, qmpstatus?: string): PowerState | null {
  const word = status === "running" && qmpstatus ? qmpstatus : status;
  switch (word) {
    case "stopped":
      return "stopped";
    case "paused":
    case "prelaunch":
    case "suspended":
      return "paused";
    case undefined:
    case "unknown":
      return null;
    default:
      // "running", and the QEMU run states of a live process (migrating, saving a state).
      return "running";
  }
}
