import "server-only";
import { inArray, notInArray } from "drizzle-orm";
import { type Executor, getDb } from "../client";
import { type IdleWatch, idleWatches } from "../schema";

export async function listIdleWatches(
  { vmIds }: { vmIds: string[] },
  db: Executor = getDb(),
): Promise<IdleWatch[]> {
  if (vmIds.length === 0) return [];
  return db.select().from(idleWatches).where(inArray(idleWatches.vmId, vmIds));
}

export async function saveIdleWatch(watch: IdleWatch, db: Executor = getDb()): Promise<void> {
  const { vmId, ...reading } = watch;
  await db.insert(idleWatches).values(watch).onConflictDoUpdate({ target: idleWatches.vmId, set: reading });
}

/** Forgets the VMs idle stop no longer watches (stopped, policy off): a later run starts from nothing. */
export async function forgetIdleWatchesExcept({ vmIds }: { vmIds: string[] }, db: Executor = getDb()) {
  await db.delete(idleWatches).where(vmIds.length ? notInArray(idleWatches.vmId, vmIds) : undefined);
}

export async function forgetIdleWatch({ vmId }: { vmId: string }, db: Executor = getDb()): Promise<void> {
  await db.delete(idleWatches).where(inArray(idleWatches.vmId, [vmId]));
}
