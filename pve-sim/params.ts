/** The simulator's own parameter definitions and PVE's checks and messages (pve-common JSONSchema). */
export interface ParamDef {
  type?: "string" | "integer" | "number" | "boolean" | "array";
  /** An array's items, each checked as this; they arrive as a repeated form key. */
  items?: ParamDef;
  optional?: boolean;
  enum?: string[];
  pattern?: RegExp;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  format?: keyof typeof formats;
}

export type ParamDefs = Record<string, ParamDef>;

export const formats = {
  "pve-vmid": /^[1-9][0-9]{2,8}$/,
  "pve-node": /^[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?$/,
  "pve-configid": /^[a-z][a-z0-9_-]+$/i,
  "pve-storage-id": /^[a-z][a-z0-9\-_.]*[a-z0-9]$/i,
  // pve-access-control AccessControl.pm verify_poolname
  "pve-poolid": /^[A-Za-z0-9.\-_]+(\/[A-Za-z0-9.\-_]+){0,2}$/,
  "dns-name": /^([a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?\.)*[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?$/,
  urlencoded: /^[-%a-zA-Z0-9_.!~*'()]*$/,
} as const;

export const vmidDef: ParamDef = { type: "integer", format: "pve-vmid", minimum: 100, maximum: 999_999_999 };
export const nodeDef: ParamDef = { type: "string", format: "pve-node" };

function definitionFor(defs: ParamDefs, name: string): ParamDef | undefined {
  if (defs[name]) return defs[name];
  const indexed = /^([a-z]+)(\d+)$/.exec(name);
  return indexed ? defs[`${indexed[1]}[n]`] : undefined;
}

function checkValue(value: string, def: ParamDef): string | null {
  const type = def.type ?? "string";
  if (type === "array")
    return (
      value
        .split("\0")
        .map((item) => checkValue(item, def.items ?? {}))
        .find((problem) => problem !== null) ?? null
    );
  if (type === "boolean" && !/^[01]$/.test(value)) return `type check ('boolean') failed - got '${value}'`;
  if (type === "integer" && !/^-?\d+$/.test(value)) return `type check ('integer') failed - got '${value}'`;
  if (type === "number" && !/^-?\d+(\.\d+)?$/.test(value))
    return `type check ('number') failed - got '${value}'`;
  if (def.minimum !== undefined && Number(value) < def.minimum)
    return `value must have a minimum value of ${def.minimum}`;
  if (def.maximum !== undefined && Number(value) > def.maximum)
    return `value must have a maximum value of ${def.maximum}`;
  if (def.enum && !def.enum.includes(value)) {
    return `value '${value}' does not have a value in the enumeration '${def.enum.join(", ")}'`;
  }
  if (def.maxLength !== undefined && value.length > def.maxLength)
    return `value may only be ${def.maxLength} characters long`;
  if (def.pattern && !def.pattern.test(value)) return "value does not match the regex pattern";
  if (def.format && !formats[def.format].test(value)) {
    return def.format === "urlencoded"
      ? `invalid format - invalid urlencoded string: ${value}`
      : `invalid format - value does not look like a valid ${def.format}`;
  }
  return null;
}

/** Checks parameters as PVE does; returns per-parameter messages, empty when all is well. */
export function validateParams(
  params: Record<string, string>,
  defs: ParamDefs,
  pathNames: string[],
): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const [name, def] of Object.entries(defs)) {
    if (!def.optional && !name.includes("[n]") && !(name in params) && !pathNames.includes(name)) {
      errors[name] = "property is missing and it is not optional";
    }
  }
  for (const [name, value] of Object.entries(params)) {
    const def = definitionFor(defs, name);
    if (!def) {
      errors[name] = "property is not defined in schema and the schema does not allow additional properties";
      continue;
    }
    const problem = checkValue(value, def);
    if (problem) errors[name] = problem;
  }
  return errors;
}
