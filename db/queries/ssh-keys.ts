import "server-only";
import { and, asc, count, eq } from "drizzle-orm";
import { getDb } from "../client";
import { type SshKey, sshKeys } from "../schema";

export async function listSshKeys({ userId }: { userId: string }): Promise<SshKey[]> {
  return getDb().select().from(sshKeys).where(eq(sshKeys.userId, userId)).orderBy(asc(sshKeys.createdAt));
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
