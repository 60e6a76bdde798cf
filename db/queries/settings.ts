import "server-only";
import { eq } from "drizzle-orm";
import { type Executor, getDb } from "../client";
import { settings } from "../schema";

export async function readSettingRow(
  { key }: { key: string },
  db: Executor = getDb(),
): Promise<unknown | null> {
  const [row] = await db
    .select({ value: settings.value })
    .from(settings)
    .where(eq(settings.key, key))
    .limit(1);
  return row ? row.value : null;
}

export async function writeSettingRow({
  key,
  value,
  updatedBy,
}: {
  key: string;
  value: unknown;
  updatedBy: string | null;
}): Promise<void> {
  await getDb()
    .insert(settings)
    .values({ key, value, updatedBy })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedBy, updatedAt: new Date() } });
}

export async function deleteSettingRow({ key }: { key: string }): Promise<boolean> {
  const removed = await getDb()
    .delete(settings)
    .where(eq(settings.key, key))
    .returning({ key: settings.key });
  return removed.length > 0;
}
