/**
 * PVE's property strings: `virtio,bridge=vmbr0,tag=10` or `local-lvm:32,discard=on`. The first item may
 * be a bare value (the default key); the rest are key=value pairs separated by commas.
 */
export function formatPropertyString(
  head: string | undefined,
  properties: Record<string, string | number | boolean | undefined>,
): string {
  const parts: string[] = [];
  if (head !== undefined) parts.push(checkValue(head, "value"));
  for (const [key, value] of Object.entries(properties)) {
    if (value === undefined) continue;
    const text = typeof value === "boolean" ? (value ? "1" : "0") : String(value);
    parts.push(`${key}=${checkValue(text, key)}`);
  }
  return parts.join(",");
}

function checkValue(value: string, key: string): string {
  if (/[,=\n]/.test(value))
    throw new Error(`The ${key} "${value}" cannot contain a comma, an equals sign or a newline.`);
  return value;
}

export function parsePropertyString(text: string, defaultKey?: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [index, part] of text.split(",").entries()) {
    if (!part) continue;
    const equals = part.indexOf("=");
    if (equals === -1) {
      if (index === 0 && defaultKey) result[defaultKey] = part;
      else result[part] = "1";
      continue;
    }
    result[part.slice(0, equals)] = part.slice(equals + 1);
  }
  return result;
}

/** Size strings such as `32G`, `512M` or `1T`, in GiB. */
export function parseSizeGb(size: string | undefined): number | null {
  const match = /^(\d+(?:\.\d+)?)([KMGT]?)$/.exec(size ?? "");
  if (!match) return null;
  const factor = { "": 1 / 1024 ** 3, K: 1 / 1024 ** 2, M: 1 / 1024, G: 1, T: 1024 }[
    match[2] as "" | "K" | "M" | "G" | "T"
  ];
  return Number(match[1]) * factor;
}
