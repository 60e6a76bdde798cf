import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { emptyAccess } from "./access/model";
import type { ClusterState } from "./state/model";

/** Keeps the demo's cluster across restarts: a JSON file written a moment after changes. */
export function loadState(dataDir: string): ClusterState | null {
  const file = path.join(dataDir, "state.json");
  if (!existsSync(file)) return null;
  const state = JSON.parse(readFileSync(file, "utf8")) as ClusterState;
  state.access ??= emptyAccess();
  // Tasks that were running when the simulator stopped died with it, as on a rebooted node.
  for (const task of state.tasks) {
    if (task.status === "running") {
      task.status = "stopped";
      task.exitstatus = "unexpected status";
    }
  }
  for (const vm of state.vms) if (vm.lock && vm.lock !== "destroyed") vm.lock = undefined;
  // A guest started frozen for a backup went with the backup task.
  for (const vm of state.vms)
    if (vm.prelaunch) Object.assign(vm, { status: "stopped", paused: false, prelaunch: undefined });
  state.vms = state.vms.filter((vm) => vm.lock !== "destroyed");
  return state;
}

export function saveState(dataDir: string, state: ClusterState): void {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, "state.json");
  writeFileSync(`${file}.tmp`, JSON.stringify(state));
  renameSync(`${file}.tmp`, file);
}
