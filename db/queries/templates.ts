import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { getDb } from "../client";
import { type Template, templates } from "../schema";
import { type PageRequest, pastCursor } from "./keyset";

/** What members may choose, by label; with `page`, the ones after its cursor only. */
export async function listEnabledTemplates({
  page,
}: {
  page?: PageRequest<string>;
} = {}): Promise<Template[]> {
  const query = getDb()
    .select()
    .from(templates)
    .where(
      and(
        eq(templates.enabled, true),
        page?.after ? pastCursor("asc", templates.label, templates.id, page.after) : undefined,
      ),
    )
    .orderBy(asc(templates.label), asc(templates.id));
  return page ? query.limit(page.limit) : query;
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
