/**
 * A catalog message as a string, for the places that carry only strings: zod issues, field errors and
 * domain errors made in lib/, far from any request. The edge (an action's result, a form's field, an API
 * answer, a mail) renders it in the reader's language with `renderMessage`; text that is no token (a
 * Proxmox error, say) passes through as it is.
 *
 *   invalid(message("errors.vm.nameTaken", { name }), "name")
 *   z.string().min(1, message("errors.form.required"))
 */
export type MessageValues = Record<string, string | number | Date>;

const prefix = "i18n:";
const keyPattern = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)+$/;

export function message(key: string, values?: MessageValues): string {
  if (!keyPattern.test(key)) throw new Error(`not a message key: ${key}`);
  if (!values) return `${prefix}${key}`;
  const encoded = Object.fromEntries(
    Object.entries(values).map(([name, value]) => [
      name,
      value instanceof Date ? { $date: value.toISOString() } : value,
    ]),
  );
  return `${prefix}${key}|${JSON.stringify(encoded)}`;
}

export interface ParsedMessage {
  key: string;
  values?: MessageValues;
}

export function parseMessage(text: string): ParsedMessage | null {
  if (!text.startsWith(prefix)) return null;
  const bar = text.indexOf("|");
  const key = text.slice(prefix.length, bar === -1 ? undefined : bar);
  if (!keyPattern.test(key)) return null;
  if (bar === -1) return { key };
  try {
    const raw = JSON.parse(text.slice(bar + 1)) as Record<string, unknown>;
    const values: MessageValues = {};
    for (const [name, value] of Object.entries(raw)) {
      if (typeof value === "string" || typeof value === "number") values[name] = value;
      else if (value && typeof value === "object" && typeof (value as { $date?: unknown }).$date === "string")
        values[name] = new Date((value as { $date: string }).$date);
    }
    return { key, values };
  } catch {
    return null;
  }
}

/** What a translator needs for this: next-intl's `t` from any namespace-less source. */
export interface TranslateFn {
  (key: string, values?: MessageValues): string;
  has(key: string): boolean;
}

/** A next-intl translator taking any key: for messages whose keys travel as data, as these do. */
export const byAnyKey = (t: { has: unknown }) => t as unknown as TranslateFn;

// Between the sentences of `sentences(…)`: a character no message or text contains.
const sentenceBreak = "\u001e";

/** Whole sentences said together (each a token or text), shown one after the other. */
export const sentences = (parts: string[]) => parts.join(sentenceBreak);

// Between the items of `messageList(…)`.
const listBreak = "\u001f";

/** Items (each a token or text) given to a message as one value, shown separated by semicolons. */
export const messageList = (items: string[]) => items.join(listBreak);

const rendersAsMessage = (value: string) =>
  value.startsWith(prefix) || value.includes(sentenceBreak) || value.includes(listBreak);

/** The text in the reader's language; a token whose key the catalog lacks shows its key, never a crash. */
export function renderMessage(text: string, t: TranslateFn): string {
  if (text.includes(sentenceBreak))
    return text
      .split(sentenceBreak)
      .map((part) => renderMessage(part, t))
      .join(" ");
  if (text.includes(listBreak))
    return text
      .split(listBreak)
      .map((item) => renderMessage(item, t))
      .join("; ");
  const parsed = parseMessage(text);
  if (!parsed) return text;
  if (!t.has(parsed.key)) return parsed.key;
  // A value may itself be a message (a list of refusals, a reason from elsewhere in lib/).
  const values =
    parsed.values &&
    Object.fromEntries(
      Object.entries(parsed.values).map(([name, value]) => [
        name,
        typeof value === "string" && rendersAsMessage(value) ? renderMessage(value, t) : value,
      ]),
    );
  return t(parsed.key, values);
}

export const renderMessages = (texts: string[], t: TranslateFn) =>
  texts.map((text) => renderMessage(text, t));

export function renderFieldErrors(
  fieldErrors: Record<string, string[]>,
  t: TranslateFn,
): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(fieldErrors).map(([field, texts]) => [field, renderMessages(texts, t)]),
  );
}
