import "server-only";
import { and, asc, eq, isNull, type SQL, sql } from "drizzle-orm";
import { type Executor, getDb } from "../client";
import { type ShareRole, type User, users, type VmShare, vmShares } from "../schema";

/** A share with the person it names, when it is bound to one. */
export interface ShareWithPerson {
  share: VmShare;
  person: Pick<User, "id" | "name" | "username" | "email"> | null;
}

/** Someone to share with, found by username or (case-insensitively) by e-mail. */
export async function findSharePerson(
  { username, email }: { username?: string; email?: string },
  db: Executor = getDb(),
): Promise<User | null> {
  const where: SQL | undefined = email
    ? sql`lower(${users.email}) = ${email.toLowerCase()}`
    : username
      ? eq(users.username, username)
      : undefined;
  if (!where) return null;
  const [user] = await db.select().from(users).where(where).limit(1);
  return user ?? null;
}

/** The share not yet revoked (live or expired) that names this person or this invited address on a VM. */
export async function findUnrevokedShare(
  { vmId, userId, inviteEmail }: { vmId: string; userId?: string; inviteEmail?: string },
  db: Executor = getDb(),
): Promise<VmShare | null> {
  const whom = userId ? eq(vmShares.userId, userId) : eq(vmShares.inviteEmail, inviteEmail ?? "");
  const [share] = await db
    .select()
    .from(vmShares)
    .where(and(eq(vmShares.vmId, vmId), whom, isNull(vmShares.revokedAt)))
    .limit(1);
  return share ?? null;
}

export async function insertShare(
  share: {
    vmId: string;
    userId: string | null;
    inviteEmail: string | null;
    role: ShareRole;
    expiresAt: Date | null;
    createdById: string;
  },
  db: Executor = getDb(),
): Promise<VmShare> {
  const [row] = await db.insert(vmShares).values(share).returning();
  return row!;
}

export async function updateShareTerms(
  { id, role, expiresAt }: { id: string; role: ShareRole; expiresAt: Date | null },
  db: Executor = getDb(),
): Promise<VmShare | null> {
  const [row] = await db
    .update(vmShares)
    .set({ role, expiresAt })
    .where(and(eq(vmShares.id, id), isNull(vmShares.revokedAt)))
    .returning();
  return row ?? null;
}

/** Revokes one share of one VM; null when there is no such share or it was revoked already. */
export async function revokeShareRow(
  { vmId, id, now }: { vmId: string; id: string; now: Date },
  db: Executor = getDb(),
): Promise<VmShare | null> {
  const [row] = await db
    .update(vmShares)
    .set({ revokedAt: now })
    .where(and(eq(vmShares.id, id), eq(vmShares.vmId, vmId), isNull(vmShares.revokedAt)))
    .returning();
  return row ?? null;
}

/** A VM's shares not revoked, oldest first, each with its person (none for an invitation). */
export async function listUnrevokedShares(
  { vmId }: { vmId: string },
  db: Executor = getDb(),
): Promise<ShareWithPerson[]> {
  return db
    .select({
      share: vmShares,
      person: { id: users.id, name: users.name, username: users.username, email: users.email },
    })
    .from(vmShares)
    .leftJoin(users, eq(users.id, vmShares.userId))
    .where(and(eq(vmShares.vmId, vmId), isNull(vmShares.revokedAt)))
    .orderBy(asc(vmShares.createdAt), asc(vmShares.id));
}

/** The invitations waiting for this (lower-cased) address, locked until the caller's transaction ends. */
export async function lockInvitesFor({ email }: { email: string }, db: Executor): Promise<VmShare[]> {
  return db
    .select()
    .from(vmShares)
    .where(and(eq(vmShares.inviteEmail, email), isNull(vmShares.userId), isNull(vmShares.revokedAt)))
    .for("update");
}

/** Hands an invitation to the person who signed in with its address. */
export async function bindInvite(
  { id, userId }: { id: string; userId: string },
  db: Executor = getDb(),
): Promise<VmShare | null> {
  const [row] = await db
    .update(vmShares)
    .set({ userId, inviteEmail: null })
    .where(and(eq(vmShares.id, id), isNull(vmShares.userId), isNull(vmShares.revokedAt)))
    .returning();
  return row ?? null;
}
