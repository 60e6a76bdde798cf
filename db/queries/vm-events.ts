import "server-only";
import { and, asc, desc, eq, gt, gte, inArray, max } from "drizzle-orm";
import { type Executor, getDb } from "../client";
import { type VmEvent, vmEvents } from "../schema";
import { type Notice, notifySql } from "./notify";

/** Adds a timeline line; with `notify`, the same statement sends a PostgreSQL notification once it is in. */
export async function insertVmEvent(
  event: typeof vmEvents.$inferInsert,
  { notify, db = getDb() }: { notify?: Notice; db?: Executor } = {},
): Promise<void> {
  if (!notify) {
    await db.insert(vmEvents).values(event);
    return;
  }
  const inserted = db.$with("inserted").as(db.insert(vmEvents).values(event).returning({ id: vmEvents.id }));
  await db
    .with(inserted)
    .select({ sent: notifySql(notify) })
    .from(inserted);
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

export async function getVmEvent({ id }: { id: number }): Promise<VmEvent | null> {
  const [event] = await getDb().select().from(vmEvents).where(eq(vmEvents.id, id)).limit(1);
  return event ?? null;
}

/** The newest event id of this VM's timeline, 0 for an empty one. */
export async function latestVmEventId({ vmId }: { vmId: string }): Promise<number> {
  const [row] = await getDb()
    .select({ id: max(vmEvents.id) })
    .from(vmEvents)
    .where(eq(vmEvents.vmId, vmId));
  return row?.id ?? 0;
}

/** The first event of these kinds this actor added to the VM's timeline after event `afterId`. */
export async function findVmEventAfter({
  vmId,
  afterId,
  actorId,
  kinds,
}: {
  vmId: string;
  afterId: number;
  actorId: string;
  kinds: string[];
}): Promise<VmEvent | null> {
  const [event] = await getDb()
    .select()
    .from(vmEvents)
    .where(
      and(
        eq(vmEvents.vmId, vmId),
        gt(vmEvents.id, afterId),
        eq(vmEvents.actorId, actorId),
        inArray(vmEvents.kind, kinds),
      ),
    )
    .orderBy(asc(vmEvents.id))
    .limit(1);
  return event ?? null;
}

/** Whether this actor added an event of this kind to the VM's timeline at `since` or later. */
export async function hasVmEventSince(
  { vmId, actorId, kind, since }: { vmId: string; actorId: string; kind: string; since: Date },
  db: Executor = getDb(),
): Promise<boolean> {
  const [event] = await db
    .select({ id: vmEvents.id })
    .from(vmEvents)
    .where(
      and(
        eq(vmEvents.vmId, vmId),
        eq(vmEvents.actorId, actorId),
        eq(vmEvents.kind, kind),
        gte(vmEvents.at, since),
      ),
    )
    .limit(1);
  return Boolean(event);
}
