import "server-only";
import { and, count, eq, gte, isNull, sql } from "drizzle-orm";
import { getDb } from "../client";
import { jobs, type VmState, vms } from "../schema";

export async function countVmsByState(): Promise<Partial<Record<VmState, number>>> {
  const rows = await getDb()
    .select({ state: vms.state, vms: count() })
    .from(vms)
    .where(isNull(vms.deletedAt))
    .groupBy(vms.state);
  return Object.fromEntries(rows.map((row) => [row.state, Number(row.vms)]));
}

/** What portal VMs hold per cluster: cores, memory and disk of every live record. */
export async function portalUsageByCluster(): Promise<
  Map<string, { vms: number; cores: number; memoryMb: number; diskGb: number }>
> {
  const rows = await getDb()
    .select({
      clusterId: vms.clusterId,
      vms: count(),
      cores: sql<number>`coalesce(sum(${vms.cores}), 0)`,
      memoryMb: sql<number>`coalesce(sum(${vms.memoryMb}), 0)`,
      diskGb: sql<number>`coalesce(sum(${vms.diskGb}), 0)`,
    })
    .from(vms)
    .where(isNull(vms.deletedAt))
    .groupBy(vms.clusterId);
  return new Map(
    rows.map((row) => [
      row.clusterId,
      {
        vms: Number(row.vms),
        cores: Number(row.cores),
        memoryMb: Number(row.memoryMb),
        diskGb: Number(row.diskGb),
      },
    ]),
  );
}

export async function countFailedJobsSince({ since }: { since: Date }): Promise<number> {
  const [row] = await getDb()
    .select({ failed: count() })
    .from(jobs)
    .where(and(eq(jobs.state, "failed"), gte(jobs.finishedAt, since)));
  return Number(row?.failed ?? 0);
}
