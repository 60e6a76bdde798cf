import type { PowerAction } from "@/lib/proxmox/qemu";

/** What a person sees on each power button. */
export const powerActionLabels: Record<PowerAction, string> = {
  start: "Start",
  shutdown: "Shut down",
  reboot: "Reboot",
  suspend: "Pause",
  resume: "Resume",
  reset: "Reset",
  stop: "Force stop",
};

export const powerActions = Object.keys(powerActionLabels) as [PowerAction, ...PowerAction[]];

/** The power actions that make sense in each VM state, in the order the buttons appear. */
const allowedInState: Partial<Record<string, readonly PowerAction[]>> = {
  running: ["shutdown", "reboot", "suspend", "reset", "stop"],
  stopped: ["start"],
  paused: ["resume", "stop"],
};

export function powerActionsFor(state: string): readonly PowerAction[] {
  return allowedInState[state] ?? [];
}

/** Actions that cut the guest off without asking it first, shown as destructive. */
export function isForcedPowerAction(action: PowerAction): boolean {
  return action === "stop" || action === "reset";
}
