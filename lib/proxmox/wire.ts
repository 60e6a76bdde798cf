/** An array goes as a repeated key, which PVE's form decoder reads as one (decode_urlencoded). */
export type ParamValue = string | number | boolean | number[] | undefined | null;
export type Params = Record<string, ParamValue>;

/**
 * PVE's form decoder splits on `&` and `;` and takes booleans only as 0/1, so every value is
 * percent-encoded (URLSearchParams does, `;` and `=` included) and booleans become 0/1.
 */
export function encodeParams(params: Params): URLSearchParams {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) {
      for (const item of value) search.append(key, String(item));
      continue;
    }
    search.append(key, typeof value === "boolean" ? (value ? "1" : "0") : String(value));
  }
  return search;
}

/**
 * `sshkeys` must be URL-encoded before the form encoding encodes it again: PVE checks the decoded value
 * against `^[-%a-zA-Z0-9_.!~*'()]*$`, the set encodeURIComponent leaves alone (spaces become %20, not +).
 */
export function encodeSshKeys(keys: string[]): string {
  return encodeURIComponent(
    keys
      .map((key) => key.trim())
      .filter(Boolean)
      .join("\n"),
  );
}

export function decodeSshKeys(value: string | undefined): string[] {
  if (!value) return [];
  return decodeURIComponent(value)
    .split("\n")
    .map((key) => key.trim())
    .filter(Boolean);
}
