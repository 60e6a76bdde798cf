import { type RunningSimulator, startSimulator } from "@/pve-sim";
import { seedSimVms } from "../portal-fixtures";

export interface SimClusters {
  sims: RunningSimulator[];
  /** How many VMs each simulator holds, in order. */
  vmCounts: number[];
  /** `/cluster/resources` calls each simulator answered, per 10 s period since `markPeriods`. */
  resourceCallsPerPeriod(): number[][];
  /** Every API call each simulator answered since `markPeriods`, by path pattern, for the report. */
  callsByKind(): Record<string, number>[];
  /** Starts counting periods afresh (call at the start of a phase). */
  markPeriods(): void;
  close(): Promise<void>;
}

// PVE's pvestatd refreshes guest status every 10 s (PVE/Service/pvestatd.pm, $updatetime = 10).
export const PERIOD_MS = 10_000;

function kindOf(path: string): string {
  return path
    .replace(/^\/nodes\/[^/]+/, "/nodes/{node}")
    .replace(/\/qemu\/\d+/, "/qemu/{vmid}")
    .replace(/\/tasks\/[^/]+/, "/tasks/{upid}");
}

/**
 * `clusters` simulated clusters holding `totalVms` portal VMs between them (VM i on cluster i % n, as the
 * seeded database says), each counting the calls it answers. The sims run in the bench's own process:
 * their work is Proxmox's, not the portal's, and the portal's CPU is read from /proc by its own pid.
 */
export async function startSimClusters(clusters: number, totalVms: number): Promise<SimClusters> {
  const sims: RunningSimulator[] = [];
  const vmCounts: number[] = [];
  const stamps: number[][] = [];
  const kinds: Map<string, number>[] = [];
  let since = Date.now();
  for (let c = 0; c < clusters; c++) {
    const calls: number[] = [];
    const byKind = new Map<string, number>();
    stamps.push(calls);
    kinds.push(byKind);
    const sim = await startSimulator({
      port: 0,
      dataDir: null,
      taskSpeed: 20,
      agentDelaySeconds: 0,
      onExchange: ({ path }) => {
        if (path === "/cluster/resources") calls.push(Date.now());
        const kind = kindOf(path);
        byKind.set(kind, (byKind.get(kind) ?? 0) + 1);
      },
    });
    const count = Math.floor(totalVms / clusters) + (c < totalVms % clusters ? 1 : 0);
    seedSimVms(sim, count);
    sims.push(sim);
    vmCounts.push(count);
  }
  return {
    sims,
    vmCounts,
    resourceCallsPerPeriod() {
      const periods = Math.max(1, Math.floor((Date.now() - since) / PERIOD_MS));
      return stamps.map((calls) => {
        const counts = Array.from({ length: periods }, () => 0);
        for (const at of calls) {
          const period = Math.floor((at - since) / PERIOD_MS);
          if (period >= 0 && period < periods) counts[period]!++;
        }
        return counts;
      });
    },
    callsByKind: () => kinds.map((byKind) => Object.fromEntries([...byKind].sort((a, b) => b[1] - a[1]))),
    markPeriods() {
      since = Date.now();
      for (const calls of stamps) calls.length = 0;
      for (const byKind of kinds) byKind.clear();
    },
    async close() {
      await Promise.all(sims.map((sim) => sim.close()));
    },
  };
}
