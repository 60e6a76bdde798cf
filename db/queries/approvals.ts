import "server-only";
import { and, desc, eq, inArray, lt, ne, or, sql } from "drizzle-orm";
import { type Executor, getDb } from "../client";
import {
  type ApprovalRequest,
  approvalRequests,
  projectMembers,
  projects,
  type Quota,
  type Role,
  userQuotas,
  users,
} from "../schema";
import { quotaColumnsFrom } from "./quotas";

/** A request with the names the pages and mails show beside it. */
export type ListedApprovalRequest = ApprovalRequest & {
  requester: { name: string | null; username: string | null; email: string | null };
  projectName: string | null;
};

const listed = {
  request: approvalRequests,
  requester: { name: users.name, username: users.username, email: users.email },
  projectName: projects.name,
};

function listedFrom(db: Executor) {
  return db
    .select(listed)
    .from(approvalRequests)
    .innerJoin(users, eq(users.id, approvalRequests.requesterId))
    .leftJoin(projects, eq(projects.id, approvalRequests.projectId));
}

const flatten = (
  rows: {
    request: ApprovalRequest;
    requester: ListedApprovalRequest["requester"];
    projectName: string | null;
  }[],
) => rows.map((row) => ({ ...row.request, requester: row.requester, projectName: row.projectName }));

export async function insertApprovalRequest(
  row: typeof approvalRequests.$inferInsert,
  db: Executor = getDb(),
): Promise<ApprovalRequest> {
  const [saved] = await db.insert(approvalRequests).values(row).returning();
  return saved!;
}

export async function getApprovalRequest(
  { id }: { id: string },
  db: Executor = getDb(),
): Promise<ListedApprovalRequest | null> {
  const rows = await listedFrom(db).where(eq(approvalRequests.id, id)).limit(1);
  return flatten(rows)[0] ?? null;
}

/** Holds the request's row until the transaction ends: decisions on one request happen one at a time. */
export async function lockApprovalRequest(
  { id }: { id: string },
  tx: Executor,
): Promise<ApprovalRequest | null> {
  const [row] = await tx.select().from(approvalRequests).where(eq(approvalRequests.id, id)).for("update");
  return row ?? null;
}

export async function updateApprovalRequest(
  { id, ...set }: Partial<ApprovalRequest> & { id: string },
  db: Executor = getDb(),
): Promise<ApprovalRequest> {
  const [row] = await db.update(approvalRequests).set(set).where(eq(approvalRequests.id, id)).returning();
  return row!;
}

/** Cancels a pending request of this requester; null when it is not theirs or no longer pending. */
export async function cancelPendingRequest(
  { id, requesterId }: { id: string; requesterId: string },
  db: Executor = getDb(),
): Promise<ApprovalRequest | null> {
  const [row] = await db
    .update(approvalRequests)
    .set({ state: "cancelled", decidedAt: new Date() })
    .where(
      and(
        eq(approvalRequests.id, id),
        eq(approvalRequests.requesterId, requesterId),
        eq(approvalRequests.state, "pending"),
      ),
    )
    .returning();
  return row ?? null;
}

/**
 * Takes the sealed one-time password out of an approved request, under the row's lock: the requester sees
 * it once, and a second look finds nothing.
 */
export async function takeSealedPassword({
  id,
  requesterId,
}: {
  id: string;
  requesterId: string;
}): Promise<string | null> {
  return getDb().transaction(async (tx) => {
    const row = await lockApprovalRequest({ id }, tx);
    const sealed = row?.payload.sealedPassword;
    if (!row || row.requesterId !== requesterId || typeof sealed !== "string") return null;
    const { sealedPassword: _, ...payload } = row.payload;
    await tx.update(approvalRequests).set({ payload }).where(eq(approvalRequests.id, id));
    return sealed;
  });
}

export async function listRequestsOfRequester(
  { requesterId, limit = 100 }: { requesterId: string; limit?: number },
  db: Executor = getDb(),
): Promise<ListedApprovalRequest[]> {
  const rows = await listedFrom(db)
    .where(eq(approvalRequests.requesterId, requesterId))
    .orderBy(desc(approvalRequests.createdAt))
    .limit(limit);
  return flatten(rows);
}

/** Pending requests: every one (`projectIds` "all", for admins) or those against these projects' quotas. */
export async function listPendingRequests(
  { projectIds }: { projectIds: string[] | "all" },
  db: Executor = getDb(),
): Promise<ListedApprovalRequest[]> {
  if (projectIds !== "all" && projectIds.length === 0) return [];
  const rows = await listedFrom(db)
    .where(
      and(
        eq(approvalRequests.state, "pending"),
        projectIds === "all" ? undefined : inArray(approvalRequests.projectId, projectIds),
      ),
    )
    .orderBy(approvalRequests.createdAt);
  return flatten(rows);
}

export async function listDecidedRequests(
  { limit }: { limit: number },
  db: Executor = getDb(),
): Promise<ListedApprovalRequest[]> {
  const rows = await listedFrom(db)
    .where(ne(approvalRequests.state, "pending"))
    .orderBy(desc(approvalRequests.decidedAt))
    .limit(limit);
  return flatten(rows);
}

/** Who is told of a new request: the admins, and for a project's request its owners too. */
export async function listApproverContacts(
  { projectId }: { projectId: string | null },
  db: Executor = getDb(),
): Promise<{ id: string; email: string; role: Role }[]> {
  const owners = projectId
    ? db
        .select({ userId: projectMembers.userId })
        .from(projectMembers)
        .where(and(eq(projectMembers.projectId, projectId), eq(projectMembers.role, "owner")))
    : null;
  const rows = await db
    .select({ id: users.id, email: users.email, role: users.role })
    .from(users)
    .where(
      and(
        eq(users.disabled, false),
        owners ? or(eq(users.role, "admin"), inArray(users.id, owners)) : eq(users.role, "admin"),
      ),
    );
  return rows.filter((row): row is { id: string; email: string; role: Role } => row.email !== null);
}

/** The person's quota override, written in the transaction that approves the request for it. */
export async function setQuotaOverrideIn(
  { userId, quota }: { userId: string; quota: Quota },
  tx: Executor,
): Promise<void> {
  const columns = quotaColumnsFrom(quota);
  await tx
    .insert(userQuotas)
    .values({ userId, ...columns })
    .onConflictDoUpdate({ target: userQuotas.userId, set: { ...columns, updatedAt: new Date() } });
}

export async function setProjectQuotaIn(
  { projectId, quota }: { projectId: string; quota: Quota },
  tx: Executor,
): Promise<void> {
  await tx.update(projects).set(quotaColumnsFrom(quota)).where(eq(projects.id, projectId));
}

/** Drops the sealed passwords nobody came to see of requests approved before `decidedBefore`. */
export async function dropUnclaimedPasswords({ decidedBefore }: { decidedBefore: Date }): Promise<number> {
  const dropped = await getDb()
    .update(approvalRequests)
    .set({ payload: sql`${approvalRequests.payload} - 'sealedPassword'` })
    .where(
      and(sql`${approvalRequests.payload} ? 'sealedPassword'`, lt(approvalRequests.decidedAt, decidedBefore)),
    )
    .returning({ id: approvalRequests.id });
  return dropped.length;
}
