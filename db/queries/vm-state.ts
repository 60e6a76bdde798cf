import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import { type Executor, getDb } from "../client";
import { type NewVm, type Vm, vms } from "../schema";

export async function insertVm(vm: NewVm, db: Executor = getDb()): Promise<Vm> {
  const [row] = await db.insert(vms).values(vm).returning();
  return row!;
}

export async function updateVm(
  { id, ...changes }: Partial<Vm> & { id: string },
  db: Executor = getDb(),
): Promise<Vm | null> {
  const [row] = await db
    .update(vms)
    .set({ ...changes, updatedAt: new Date() })
    .where(eq(vms.id, id))
    .returning();
  return row ?? null;
}

/** A live VM of this owner with this name, if any: names are unique among an owner's VMs. */
export async function findLiveVmByName(
  { ownerId, name }: { ownerId: string; name: string },
  db: Executor = getDb(),
): Promise<Vm | null> {
  const [row] = await db
    .select()
    .from(vms)
    .where(and(eq(vms.ownerId, ownerId), eq(vms.name, name), isNull(vms.deletedAt)))
    .limit(1);
  return row && !["failed", "deleted"].includes(row.state) ? row : null;
}

export async function listVmsInState({ state }: { state: Vm["state"] }): Promise<Vm[]> {
  return getDb().select().from(vms).where(eq(vms.state, state));
}
