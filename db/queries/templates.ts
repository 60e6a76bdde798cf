import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { getDb } from "../client";
import { type Template, templates } from "../schema";

export async function listEnabledTemplates(): Promise<Template[]> {
  return getDb().select().from(templates).where(eq(templates.enabled, true)).orderBy(asc(templates.label));
}

export async function getEnabledTemplate({ id }: { id: string }): Promise<Template | null> {
  const [row] = await getDb()
    .select()
    .from(templates)
    .where(and(eq(templates.id, id), eq(templates.enabled, true)))
    .limit(1);
  return row ?? null;
}

export async function insertTemplates(rows: (typeof templates.$inferInsert)[]): Promise<void> {
  if (rows.length === 0) return;
  await getDb().insert(templates).values(rows).onConflictDoNothing();
}

export async function countTemplates(): Promise<number> {
  return (await getDb().select({ id: templates.id }).from(templates)).length;
}

/** A template by id even if admins have since withdrawn it: VMs already requested from it still finish. */
export async function getTemplateById({ id }: { id: string }): Promise<Template | null> {
  const [row] = await getDb().select().from(templates).where(eq(templates.id, id)).limit(1);
  return row ?? null;
}
