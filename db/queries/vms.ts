import "server-only";
import { and, asc, eq, ne } from "drizzle-orm";
import { getDb } from "../client";
import { type Vm, vms } from "../schema";

/** The VM if this user owns it; null for anyone else's, so callers answer "not found" either way. */
export async function getVmForOwner({
  vmId,
  ownerId,
}: {
  vmId: string;
  ownerId: string;
}): Promise<Vm | null> {
  const [vm] = await getDb()
    .select()
    .from(vms)
    .where(and(eq(vms.id, vmId), eq(vms.ownerId, ownerId)))
    .limit(1);
  return vm ?? null;
}

export async function getVmById({ vmId }: { vmId: string }): Promise<Vm | null> {
  const [vm] = await getDb().select().from(vms).where(eq(vms.id, vmId)).limit(1);
  return vm ?? null;
}

export async function listVmsForOwner({
  ownerId,
  includeDeleted = false,
}: {
  ownerId: string;
  includeDeleted?: boolean;
}): Promise<Vm[]> {
  return getDb()
    .select()
    .from(vms)
    .where(and(eq(vms.ownerId, ownerId), includeDeleted ? undefined : ne(vms.state, "deleted")))
    .orderBy(asc(vms.name));
}
