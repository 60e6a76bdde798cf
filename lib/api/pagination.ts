import { z } from "zod";
import { invalid } from "@/lib/errors";
import { message } from "@/lib/i18n/message";

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

/** `?limit=&cursor=`, as every list route takes them. */
export const pageQuerySchema = z.object({
  limit: z.coerce
    .number("The limit is a number of items, like 50.")
    .int("The limit is a whole number.")
    .min(1, "Ask for at least 1 item.")
    .max(MAX_PAGE_SIZE, `Ask for at most ${MAX_PAGE_SIZE} items.`)
    .default(DEFAULT_PAGE_SIZE)
    .meta({
      description: `How many items to return (default ${DEFAULT_PAGE_SIZE}, at most ${MAX_PAGE_SIZE}).`,
    }),
  cursor: z
    .string()
    .max(1000, "That cursor is too long to be one of ours.")
    .optional()
    .meta({ description: "The `nextCursor` of the previous page." }),
});

export type PageQuery = z.output<typeof pageQuerySchema>;

/** A page of items and where the next one starts, null on the last page. */
export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

/** The opaque cursor for the item a page ended at: base64url of its sort key. */
export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString("base64url");
}

/** The sort key a cursor carries, checked against the key's shape; a bad cursor is the caller's 400. */
export function decodeCursor<T extends z.ZodType>(cursor: string | undefined, key: T): z.output<T> | null {
  if (cursor === undefined) return null;
  try {
    const parsed = key.safeParse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
    if (parsed.success) return parsed.data;
  } catch {}
  throw invalid(message("errors.api.unknownCursor"), "cursor");
}

/**
 * The page from rows fetched with `limit + 1` (one more than asked), so the extra row tells whether
 * another page follows without counting.
 */
export function pageFrom<Row, Item>(
  rows: readonly Row[],
  limit: number,
  keyOf: (row: Row) => readonly (string | number)[],
  toItem: (row: Row) => Item,
): { items: Item[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map(toItem),
    nextCursor: rows.length > limit && last !== undefined ? encodeCursor(keyOf(last)) : null,
  };
}
