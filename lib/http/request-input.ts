/** Next's own limit for a server action's body (serverActions.bodySizeLimit's default). */
export const ACTION_BODY_LIMIT = 1024 * 1024;

// What React's encodeReply writes for plain arguments: "$$" escapes a "$", the rest name values.
// A reference to another part ($@, $F, $K, $Q, …) cannot exist in a one-part body and makes Next throw.
const plainReference = /^\$(\$|undefined$|NaN$|Infinity$|-Infinity$|-0$|D|n-?\d+$)/;

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it looks for.
const controlOrBroken = /[\u0000-\u001f\u007f-\u009f\ufffd]/;

export interface Refusal {
  status: 400 | 413;
  error: string;
}

function hasForeignReference(value: unknown): boolean {
  if (typeof value === "string") return value.startsWith("$") && !plainReference.test(value);
  if (Array.isArray(value)) return value.some(hasForeignReference);
  if (value && typeof value === "object") return Object.values(value).some(hasForeignReference);
  return false;
}

/**
 * Checks a server action's body before Next decodes it, so malformed input is a 400 with a reason rather
 * than Next's 500. Multipart bodies (forms with files or FormData) are Next's to read.
 */
export function refuseActionBody(contentType: string | null, body: string): Refusal | null {
  if (Buffer.byteLength(body) > ACTION_BODY_LIMIT)
    return { status: 413, error: "The request is larger than 1 MB; send less." };
  if (contentType?.startsWith("multipart/form-data")) return null;
  if (body.trim() === "")
    return { status: 400, error: "The request had no body; send the action's arguments." };
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return { status: 400, error: "The request body is not valid JSON." };
  }
  if (!Array.isArray(parsed)) return { status: 400, error: "The request body must be a list of arguments." };
  if (hasForeignReference(parsed))
    return { status: 400, error: "The request body refers to parts it does not have." };
  return null;
}

/** Query strings are read by pages and handlers as text; control characters or broken encoding are refused. */
export function refuseQuery(search: URLSearchParams): Refusal | null {
  for (const [name, value] of search) {
    if (controlOrBroken.test(name) || controlOrBroken.test(value))
      return {
        status: 400,
        error: `The address's "${name.replace(controlOrBroken, "?").slice(0, 40)}" parameter has control characters or broken encoding.`,
      };
  }
  return null;
}
