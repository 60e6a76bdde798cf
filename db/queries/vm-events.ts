import "server-only";
import { desc, eq } from "drizzle-orm";
import { type Executor, getDb } from "../client";
import { type VmEvent, vmEvents } from "../schema";

export async function insertVmEvent(
  event: typeof vmEvents.$inferInsert,
  db: Executor = getDb(),
): Promise<void> {
  await db.insert(vmEvents).values(event);
}

export async function listVmEvents({
  vmId,
  limit = 100,
}: {
  vmId: string;
  limit?: number;
}): Promise<VmEvent[]> {
  return getDb()
    .select()
    .from(vmEvents)
    .where(eq(vmEvents.vmId, vmId))
    .orderBy(desc(vmEvents.at), desc(vmEvents.id))
    .limit(limit);
}
