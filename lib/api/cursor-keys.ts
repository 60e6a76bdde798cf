import { z } from "zod";
import type { KeysetCursor } from "@/db/queries/keyset";
import { decodeCursor } from "./pagination";

type IdSchema = z.ZodType<string> | z.ZodType<number>;

/** The (time, id) a list's cursor carries, for the db's keyset queries; null on the first page. */
export function timeCursorFrom(
  cursor: string | undefined,
  id: IdSchema = z.uuid(),
): KeysetCursor<Date> | null {
  const key = decodeCursor(cursor, z.tuple([z.iso.datetime(), id]));
  return key && { value: new Date(key[0]), id: key[1] };
}

/** The (text, id) a list's cursor carries, for lists sorted by a name or label. */
export function textCursorFrom(
  cursor: string | undefined,
  id: IdSchema = z.uuid(),
): KeysetCursor<string> | null {
  const key = decodeCursor(cursor, z.tuple([z.string().max(1000), id]));
  return key && { value: key[0], id: key[1] };
}
