import "server-only";
import { and, asc, eq, gt, gte, inArray, isNull, like, lte, not, notInArray, or } from "drizzle-orm";
import { type Executor, getDb } from "../client";
import { leaseNotices, users, type Vm, vms } from "../schema";
import { userLabel } from "./users";

/** A VM whose lease the portal enforces: not deleted, not exempt. */
const leaseRuns = and(isNull(vms.deletedAt), eq(vms.leaseExempt, false));

export interface LeaseCandidate {
  vm: Vm;
  owner: { id: string; email: string | null; name: string | null; username: string | null };
}

/**
 * VMs whose lease ends before `horizon` and that the sweep may touch: live, made by the portal, not
 * exempt, not in an ignored pool. One indexed query however many VMs the portal holds.
 */
export async function listLeaseCandidates({
  horizon,
  ignoredPools,
}: {
  horizon: Date;
  ignoredPools: string[];
}): Promise<LeaseCandidate[]> {
  const rows = await getDb()
    .select({
      vm: vms,
      owner: { id: users.id, email: users.email, name: users.name, username: users.username },
    })
    .from(vms)
    .innerJoin(users, eq(users.id, vms.ownerId))
    .where(
      and(
        leaseRuns,
        lte(vms.leaseExpiresAt, horizon),
        notInArray(vms.state, ["provisioning", "failed", "deleting", "deleted"]),
        ignoredPools.length > 0 ? or(isNull(vms.pool), not(inArray(vms.pool, ignoredPools))) : undefined,
      ),
    )
    .orderBy(asc(vms.leaseExpiresAt));
  return rows;
}

/** Records that `key` was done; false when it already was (another sweep or replica got there first). */
export async function claimLeaseNotice(
  { key, vmId, at }: { key: string; vmId: string | null; at: Date },
  db: Executor = getDb(),
): Promise<boolean> {
  const rows = await db
    .insert(leaseNotices)
    .values({ key, vmId, createdAt: at })
    .onConflictDoNothing({ target: leaseNotices.key })
    .returning({ id: leaseNotices.id });
  return rows.length === 1;
}

export async function leaseNoticeExists({ key }: { key: string }): Promise<boolean> {
  const rows = await getDb()
    .select({ id: leaseNotices.id })
    .from(leaseNotices)
    .where(eq(leaseNotices.key, key))
    .limit(1);
  return rows.length === 1;
}

/** Undoes a claim whose action failed, so the next sweep tries again. */
export async function releaseLeaseNotice({ key }: { key: string }): Promise<void> {
  await getDb().delete(leaseNotices).where(eq(leaseNotices.key, key));
}

export async function lockVm({ id }: { id: string }, tx: Executor): Promise<Vm | null> {
  const [row] = await tx.select().from(vms).where(eq(vms.id, id)).for("update");
  return row ?? null;
}

export async function markVmDeleting({ id, now }: { id: string; now: Date }, tx: Executor): Promise<void> {
  await tx.update(vms).set({ state: "deleting", updatedAt: now }).where(eq(vms.id, id));
}

export interface NoticeLine {
  vmName: string;
  owner: string;
  at: Date;
}

/** What the sweep did since `since`, for the digest: notices whose key starts with `kind:`. */
export async function listLeaseNoticesSince({
  kind,
  since,
}: {
  kind: "stopped" | "deleted";
  since: Date;
}): Promise<NoticeLine[]> {
  const rows = await getDb()
    .select({
      vmName: vms.name,
      owner: userLabel,
      at: leaseNotices.createdAt,
    })
    .from(leaseNotices)
    .innerJoin(vms, eq(vms.id, leaseNotices.vmId))
    .innerJoin(users, eq(users.id, vms.ownerId))
    .where(and(like(leaseNotices.key, `${kind}:%`), gte(leaseNotices.createdAt, since)))
    .orderBy(asc(leaseNotices.createdAt));
  return rows;
}

export async function listLeasesEndingBetween({ from, to }: { from: Date; to: Date }): Promise<NoticeLine[]> {
  const rows = await getDb()
    .select({
      vmName: vms.name,
      owner: userLabel,
      at: vms.leaseExpiresAt,
    })
    .from(vms)
    .innerJoin(users, eq(users.id, vms.ownerId))
    .where(and(leaseRuns, gt(vms.leaseExpiresAt, from), lte(vms.leaseExpiresAt, to)))
    .orderBy(asc(vms.leaseExpiresAt));
  return rows.map((row) => ({ ...row, at: row.at ?? to }));
}
