import "server-only";
import { and, eq, lt, sql } from "drizzle-orm";
import { type Executor, getDb } from "../client";
import { storageCloneSlots } from "../schema";

/**
 * Takes the lowest slot of the storage below `limit` that nobody holds (or whose holder stopped renewing
 * it before `staleBefore`), in one statement; null when all are held. Two takers of the same slot at once
 * meet on its primary key, and only one gets it.
 */
export async function takeFreeSlot(
  {
    storageKey,
    limit,
    token,
    now,
    staleBefore,
  }: { storageKey: string; limit: number; token: string; now: Date; staleBefore: Date },
  db: Executor = getDb(),
): Promise<number | null> {
  const stale = sql`${staleBefore.toISOString()}::timestamptz`;
  const rows = await db
    .insert(storageCloneSlots)
    .select(
      sql`select ${storageKey}, s, ${token}, ${now.toISOString()}::timestamptz
        from generate_series(0, ${limit - 1}::int) as s
        where not exists (
          select 1 from storage_clone_slots held
          where held.storage_key = ${storageKey} and held.slot = s and held.renewed_at >= ${stale}
        )
        order by s limit 1`,
    )
    .onConflictDoUpdate({
      target: [storageCloneSlots.storageKey, storageCloneSlots.slot],
      set: { token: sql`excluded.token`, renewedAt: sql`excluded.renewed_at` },
      setWhere: lt(storageCloneSlots.renewedAt, staleBefore),
    })
    .returning({ slot: storageCloneSlots.slot });
  return rows[0]?.slot ?? null;
}

/** Keeps a held slot from going stale; false when it was taken over (its holder was thought dead). */
export async function renewSlot(
  { storageKey, slot, token, now }: { storageKey: string; slot: number; token: string; now: Date },
  db: Executor = getDb(),
): Promise<boolean> {
  const rows = await db
    .update(storageCloneSlots)
    .set({ renewedAt: now })
    .where(held(storageKey, slot, token))
    .returning({ slot: storageCloneSlots.slot });
  return rows.length > 0;
}

export async function releaseSlot(
  { storageKey, slot, token }: { storageKey: string; slot: number; token: string },
  db: Executor = getDb(),
): Promise<void> {
  await db.delete(storageCloneSlots).where(held(storageKey, slot, token));
}

const held = (storageKey: string, slot: number, token: string) =>
  and(
    eq(storageCloneSlots.storageKey, storageKey),
    eq(storageCloneSlots.slot, slot),
    eq(storageCloneSlots.token, token),
  );
