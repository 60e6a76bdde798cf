import "server-only";
import { and, asc, count, eq } from "drizzle-orm";
import { getDb } from "../client";
import { type SshKey, sshKeys } from "../schema";
import { type PageRequest, pastCursor } from "./keyset";

/** A person's keys, oldest first; with `page`, the keys after its cursor only. */
export async function listSshKeys({
  userId,
  page,
}: {
  userId: string;
  page?: PageRequest<Date>;
}): Promise<SshKey[]> {
  const query = getDb()
    .select()
    .from(sshKeys)
    .where(
      and(
        eq(sshKeys.userId, userId),
        page?.after ? pastCursor("asc", sshKeys.createdAt, sshKeys.id, page.after) : undefined,
      ),
    )
    .orderBy(asc(sshKeys.createdAt), asc(sshKeys.id));
  return page ? query.limit(page.limit) : query;
}

export async function getSshKey({ userId, id }: { userId: string; id: string }): Promise<SshKey | null> {
  const [row] = await getDb()
    .select()
    .from(sshKeys)
    .where(and(eq(sshKeys.userId, userId), eq(sshKeys.id, id)))
    .limit(1);
  return row ?? null;
}

export async function countSshKeys({ userId }: { userId: string }): Promise<number> {
  const [row] = await getDb().select({ total: count() }).from(sshKeys).where(eq(sshKeys.userId, userId));
  return Number(row?.total ?? 0);
}

/** Adds a key; null when the user already has one with this fingerprint. */
export async function insertSshKey(key: {
  userId: string;
  label: string;
  publicKey: string;
  fingerprint: string;
}): Promise<SshKey | null> {
  const [row] = await getDb().insert(sshKeys).values(key).onConflictDoNothing().returning();
  return row ?? null;
}

export async function deleteSshKey({ userId, id }: { userId: string; id: string }): Promise<SshKey | null> {
  const [row] = await getDb()
    .delete(sshKeys)
    .where(and(eq(sshKeys.userId, userId), eq(sshKeys.id, id)))
    .returning();
  return row ?? null;
}
