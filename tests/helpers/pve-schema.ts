import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";

/**
 * A test-only reader of Proxmox's official API schema (../shared/pve-api). The product never reads it:
 * it is an AGPL fixture the client's requests and the simulator's routes are checked against.
 */
export type PveVersion = "8.4.2" | "9.1.3";

interface PropertySchema {
  type?: string;
  optional?: number | boolean;
  enum?: string[];
  pattern?: string;
  format?:
    | string
    | Record<string, PropertySchema & { default_key?: number; alias?: string; keyAlias?: string }>;
  minimum?: number | string;
  maximum?: number | string;
  maxLength?: number | string;
  minLength?: number | string;
  properties?: Record<string, PropertySchema>;
  items?: PropertySchema;
}

interface MethodInfo {
  parameters?: { properties?: Record<string, PropertySchema> };
  permissions?: Record<string, unknown>;
  returns?: PropertySchema;
}

interface TreeNode {
  path: string;
  info?: Record<string, MethodInfo>;
  children?: TreeNode[];
}

export interface PveEndpoint {
  template: string;
  method: string;
  info: MethodInfo;
  pathParams: Record<string, string>;
}

export interface PveSchema {
  version: PveVersion;
  routes: { template: string; pattern: RegExp; names: string[]; info: Record<string, MethodInfo> }[];
}

const schemaFolder = path.resolve(import.meta.dirname, "../../../shared/pve-api");
const cache = new Map<PveVersion, PveSchema | null>();

/**
 * A fresh clone without ../shared/pve-api skips the conformance suites; under CI that would hide them, so
 * there a missing schema is a failing test instead.
 */
export function requireSchemasInCi(versions: PveVersion[]): void {
  const missing = versions.filter((version) => !loadPveSchema(version));
  const ci = process.env.CI === "true" || process.env.CI === "1";
  if (!ci || missing.length === 0) return;
  it("has Proxmox's official API schema to check against", () => {
    expect.fail(
      `CI needs ${missing.map((version) => `apidoc-${version}.json`).join(", ")} in ${schemaFolder}`,
    );
  });
}

export function loadPveSchema(version: PveVersion): PveSchema | null {
  if (cache.has(version)) return cache.get(version)!;
  const file = path.join(schemaFolder, `apidoc-${version}.json`);
  if (!existsSync(file)) {
    cache.set(version, null);
    return null;
  }
  const routes: PveSchema["routes"] = [];
  const walk = (nodes: TreeNode[]) => {
    for (const node of nodes) {
      if (node.info) {
        const names = [...node.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!);
        const pattern = new RegExp(
          `^${node.path.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\\?\{\w+\\?\}/g, "([^/]+)")}$`,
        );
        routes.push({ template: node.path, pattern, names, info: node.info });
      }
      walk(node.children ?? []);
    }
  };
  walk(JSON.parse(readFileSync(file, "utf8")) as TreeNode[]);
  const schema = { version, routes };
  cache.set(version, schema);
  return schema;
}

export function findEndpoint(schema: PveSchema, method: string, concretePath: string): PveEndpoint | null {
  const bare = concretePath.replace(/^\/api2\/json/, "").split("?")[0]!;
  for (const route of schema.routes) {
    const match = route.pattern.exec(bare);
    if (!match) continue;
    const info = route.info[method.toUpperCase()];
    if (!info) return null;
    const pathParams = Object.fromEntries(
      route.names.map((name, index) => [name, decodeURIComponent(match[index + 1]!)]),
    );
    return { template: route.template, method: method.toUpperCase(), info, pathParams };
  }
  return null;
}

/** A Perl regex from the schema as a JavaScript one: `(?^:…)` and `(?^i:…)` groups become plain groups. */
export function perlPattern(pattern: string): RegExp {
  let flags = "";
  const source = pattern.replace(/\(\?\^(\w*):/g, (_, modifiers: string) => {
    if (modifiers.includes("i")) flags = "i";
    return "(?:";
  });
  return new RegExp(`^(?:${source})$`, flags);
}

const namedFormats: Record<string, RegExp> = {
  "pve-vmid": /^[1-9][0-9]{2,8}$/,
  "pve-node": /^[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?$/,
  "pve-configid": /^[a-z][a-z0-9_-]+$/i,
  "pve-storage-id": /^[a-z][a-z0-9\-_.]*[a-z0-9]$/i,
  "pve-poolid": /^[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+){0,2}$/,
  "pve-bridge-id": /^[-_.\w\d]+$/,
  "dns-name": /^([a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?\.)*[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?$/,
  urlencoded: /^[-%a-zA-Z0-9_.!~*'()]*$/,
  "pve-configid-list": /^[a-z][a-z0-9_-]+([,;\s]+[a-z][a-z0-9_-]+)*$/i,
};

function propertyFor(properties: Record<string, PropertySchema>, name: string): PropertySchema | undefined {
  if (properties[name]) return properties[name];
  const indexed = /^([a-z]+)(\d+)$/.exec(name);
  return indexed ? properties[`${indexed[1]}[n]`] : undefined;
}

function checkPropertyString(
  name: string,
  value: string,
  format: Record<string, PropertySchema & { default_key?: number; alias?: string; keyAlias?: string }>,
): string[] {
  const problems: string[] = [];
  const keys = Object.keys(format);
  const defaultKey = keys.find((key) => format[key]!.default_key);
  for (const [index, part] of value.split(",").entries()) {
    const equals = part.indexOf("=");
    const key = equals === -1 ? (index === 0 ? (defaultKey ?? part) : part) : part.slice(0, equals);
    if (equals === -1 && index === 0 && defaultKey) continue;
    if (!format[key]) problems.push(`${name}: unknown key '${key}' in property string '${value}'`);
  }
  return problems;
}

export function checkValue(name: string, value: string, property: PropertySchema): string[] {
  const problems: string[] = [];
  const type = property.type ?? "string";
  if (type === "boolean" && !/^[01]$/.test(value))
    problems.push(`${name}: type check ('boolean') failed - got '${value}'`);
  if (type === "integer" && !/^-?\d+$/.test(value))
    problems.push(`${name}: type check ('integer') failed - got '${value}'`);
  if (type === "number" && Number.isNaN(Number(value)))
    problems.push(`${name}: type check ('number') failed - got '${value}'`);
  if (type === "integer" || type === "number") {
    if (property.minimum !== undefined && Number(value) < Number(property.minimum))
      problems.push(`${name}: below minimum ${property.minimum}`);
    if (property.maximum !== undefined && Number(value) > Number(property.maximum))
      problems.push(`${name}: above maximum ${property.maximum}`);
  }
  if (property.enum && !property.enum.includes(value))
    problems.push(`${name}: '${value}' is not one of ${property.enum.join(", ")}`);
  if (property.pattern && !perlPattern(property.pattern).test(value))
    problems.push(`${name}: '${value}' does not match ${property.pattern}`);
  if (property.maxLength !== undefined && value.length > Number(property.maxLength))
    problems.push(`${name}: longer than ${property.maxLength}`);
  if (property.minLength !== undefined && value.length < Number(property.minLength))
    problems.push(`${name}: shorter than ${property.minLength}`);
  if (
    typeof property.format === "string" &&
    namedFormats[property.format] &&
    !namedFormats[property.format]!.test(value)
  ) {
    problems.push(`${name}: '${value}' is not a valid ${property.format}`);
  }
  if (property.format && typeof property.format === "object")
    problems.push(...checkPropertyString(name, value, property.format));
  return problems;
}

/** What is wrong with a request by the schema: unknown endpoint, missing or unknown parameters, bad values. */
export function validateRequest(
  schema: PveSchema,
  method: string,
  concretePath: string,
  params: Record<string, string>,
): string[] {
  const endpoint = findEndpoint(schema, method, concretePath);
  if (!endpoint) return [`${method} ${concretePath}: no such endpoint in PVE ${schema.version}`];
  const properties = endpoint.info.parameters?.properties ?? {};
  const problems: string[] = [];
  for (const [name, value] of Object.entries(endpoint.pathParams)) {
    const property = properties[name];
    if (property) problems.push(...checkValue(name, value, property));
  }
  for (const [name, property] of Object.entries(properties)) {
    if (!property.optional && !(name in endpoint.pathParams) && !(name in params)) {
      problems.push(`${name}: property is missing and it is not optional`);
    }
  }
  for (const [name, value] of Object.entries(params)) {
    const property = propertyFor(properties, name);
    if (!property) problems.push(`${name}: property is not defined in schema`);
    else problems.push(...checkValue(name, value, property));
  }
  return problems.map((problem) => `${method} ${endpoint.template}: ${problem}`);
}

function checkReturn(where: string, value: unknown, schema: PropertySchema | undefined): string[] {
  if (!schema || value === null || value === undefined) return [];
  const type = schema.type;
  if (type === "array") {
    if (!Array.isArray(value)) return [`${where}: expected an array`];
    return value.flatMap((item, index) => checkReturn(`${where}[${index}]`, item, schema.items));
  }
  if (type === "object") {
    if (typeof value !== "object" || Array.isArray(value)) return [`${where}: expected an object`];
    const record = value as Record<string, unknown>;
    return Object.entries(schema.properties ?? {}).flatMap(([key, property]) => {
      if (!(key in record)) return property.optional ? [] : [`${where}.${key}: missing`];
      return checkReturn(`${where}.${key}`, record[key], property);
    });
  }
  if (type === "integer" || type === "number") {
    return Number.isNaN(Number(value)) || typeof value === "object"
      ? [`${where}: expected a number, got ${JSON.stringify(value)}`]
      : [];
  }
  if (type === "boolean")
    return [true, false, 0, 1, "0", "1"].includes(value as never) ? [] : [`${where}: expected a boolean`];
  if (type === "string") {
    if (typeof value !== "string" && typeof value !== "number") return [`${where}: expected a string`];
    return schema.enum && !schema.enum.includes(String(value))
      ? [`${where}: '${value}' not in ${schema.enum.join(", ")}`]
      : [];
  }
  return [];
}

/** What in an answer's `data` disagrees with the endpoint's `returns` schema. */
export function validateReturn(
  schema: PveSchema,
  method: string,
  concretePath: string,
  data: unknown,
): string[] {
  const endpoint = findEndpoint(schema, method, concretePath);
  if (!endpoint) return [`${method} ${concretePath}: no such endpoint in PVE ${schema.version}`];
  return checkReturn(`${method} ${endpoint.template}`, data, endpoint.info.returns);
}
