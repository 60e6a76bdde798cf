import "server-only";
import { inArray, notInArray, sql } from "drizzle-orm";
import { type Executor, getDb } from "../client";
import { type IdleWatch, idleWatches } from "../schema";

export async function listIdleWatches(
  { vmIds }: { vmIds: string[] },
  db: Executor = getDb(),
): Promise<IdleWatch[]> {
  if (vmIds.length === 0) return [];
  return db.select().from(idleWatches).where(inArray(idleWatches.vmId, vmIds));
}

/** Writes each watched VM's latest reading, all in one statement: a run's readings of every VM. */
export async function saveIdleWatches(watches: IdleWatch[], db: Executor = getDb()): Promise<void> {
  if (watches.length === 0) return;
  await db
    .insert(idleWatches)
    .values(watches)
    .onConflictDoUpdate({
      target: idleWatches.vmId,
      set: {
        sampledAt: sql`excluded.sampled_at`,
        cpu: sql`excluded.cpu`,
        netBytes: sql`excluded.net_bytes`,
        uptime: sql`excluded.uptime`,
        quietSince: sql`excluded.quiet_since`,
        policy: sql`excluded.policy`,
      },
    });
}

/** Forgets the VMs idle stop no longer watches (stopped, policy off): a later run starts from nothing. */
export async function forgetIdleWatchesExcept({ vmIds }: { vmIds: string[] }, db: Executor = getDb()) {
  await db.delete(idleWatches).where(vmIds.length ? notInArray(idleWatches.vmId, vmIds) : undefined);
}

export async function forgetIdleWatch({ vmId }: { vmId: string }, db: Executor = getDb()): Promise<void> {
  await db.delete(idleWatches).where(inArray(idleWatches.vmId, [vmId]));
}
