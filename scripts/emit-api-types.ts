import { execFileSync } from "node:child_process";
import path from "node:path";
import { compile, type JSONSchema } from "json-schema-to-typescript";

// openapi-typescript's output shape (`paths`, `components`, `operations`), which openapi-fetch reads,
// emitted without the TypeScript compiler API that openapi-typescript needs and TypeScript 7 lacks:
// json-schema-to-typescript turns each schema into a type, and this file lays them out.

type Schema = Record<string, unknown> | boolean;

interface Parameter {
  name: string;
  in: "query" | "header" | "path" | "cookie";
  required?: boolean;
  description?: string;
  schema?: Schema;
}

interface MediaObject {
  schema?: Schema;
}

interface ResponseObject {
  description?: string;
  headers?: Record<string, { description?: string; required?: boolean; schema?: Schema }>;
  content?: Record<string, MediaObject>;
}

interface Operation {
  operationId?: string;
  summary?: string;
  description?: string;
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content?: Record<string, MediaObject> };
  responses?: Record<string, ResponseObject>;
}

export interface OpenApiDocument {
  paths?: Record<string, Record<string, unknown>>;
  components?: { schemas?: Record<string, Schema> };
}

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;
const LOCATIONS = ["query", "header", "path", "cookie"] as const;
const SCHEMA_REF = "#/components/schemas/";

const root = path.resolve(import.meta.dirname, "..");

/** Keywords whose value is one schema, a list of schemas, or a map of names to schemas. */
const ONE = ["items", "additionalProperties", "not", "propertyNames", "contains", "if", "then", "else"];
const MANY = ["allOf", "anyOf", "oneOf", "prefixItems"];
const MAP = ["properties", "patternProperties", "$defs", "definitions"];

/**
 * The schema as json-schema-to-typescript should see it: references to component schemas become the
 * type expression that names them, and titles go, so no nested schema becomes a declaration of its own.
 */
function prepare(schema: Schema): Schema {
  if (typeof schema === "boolean") return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === "title") continue;
    if (key === "$ref") {
      if (typeof value !== "string" || !value.startsWith(SCHEMA_REF))
        throw new Error(`Only references to component schemas are supported, not ${String(value)}`);
      out.tsType = `components["schemas"][${JSON.stringify(value.slice(SCHEMA_REF.length))}]`;
    } else if (ONE.includes(key) && value !== null && typeof value === "object" && !Array.isArray(value))
      out[key] = prepare(value as Schema);
    else if (ONE.includes(key) && typeof value === "boolean") out[key] = value;
    else if (MANY.includes(key) && Array.isArray(value)) out[key] = value.map((item) => prepare(item));
    else if (key === "items" && Array.isArray(value)) out[key] = value.map((item) => prepare(item));
    else if (MAP.includes(key) && value !== null && typeof value === "object")
      out[key] = Object.fromEntries(
        Object.entries(value).map(([name, sub]) => [name, prepare(sub as Schema)]),
      );
    else out[key] = value;
  }
  // A $ref beside other keywords (OpenAPI 3.1 allows a description there) still means the referenced type.
  if ("tsType" in out)
    return { tsType: out.tsType, ...(out.description ? { description: out.description } : {}) };
  return out;
}

/** One schema as a TypeScript type expression, with its description as a doc comment if it has one. */
async function typeOf(schema: Schema | undefined): Promise<string> {
  if (schema === undefined || schema === true) return "unknown";
  if (schema === false) return "never";
  const name = "EmittedType";
  const { description, ...rest } = prepare(schema) as Record<string, unknown>;
  const source = await compile(rest as JSONSchema, name, {
    bannerComment: "",
    format: false,
    additionalProperties: false,
    unknownAny: true,
    ignoreMinAndMaxItems: true,
    declareExternallyReferenced: false,
    strictIndexSignatures: false,
  });
  const match = source.match(new RegExp(`export (?:interface ${name} |type ${name} = )([\\s\\S]*)$`));
  if (!match) throw new Error(`json-schema-to-typescript gave no type for ${JSON.stringify(schema)}`);
  return match[1]!.trim();
}

function docComment(...lines: (string | undefined)[]): string {
  const text = lines.filter((line): line is string => Boolean(line)).join("\n\n");
  if (!text) return "";
  if (!text.includes("\n")) return `/** ${text.replaceAll("*/", "*\\/")} */\n`;
  return `/**\n${text
    .replaceAll("*/", "*\\/")
    .split("\n")
    .map((line) => ` * ${line}`.trimEnd())
    .join("\n")}\n */\n`;
}

const key = (name: string) => (/^[A-Za-z_$][\w$]*$/.test(name) ? name : JSON.stringify(name));

async function parametersOf(operation: Operation): Promise<string> {
  const groups: string[] = [];
  for (const location of LOCATIONS) {
    const parameters = (operation.parameters ?? []).filter((parameter) => parameter.in === location);
    if (parameters.length === 0) {
      groups.push(`${location}?: never;`);
      continue;
    }
    const fields = await Promise.all(
      parameters.map(
        async (parameter) =>
          `${docComment(parameter.description)}${key(parameter.name)}${parameter.required ? "" : "?"}: ${await typeOf(parameter.schema)};`,
      ),
    );
    const required = parameters.some((parameter) => parameter.required);
    groups.push(`${location}${required ? "" : "?"}: {\n${fields.join("\n")}\n};`);
  }
  return `{\n${groups.join("\n")}\n}`;
}

async function contentOf(content: Record<string, MediaObject> | undefined): Promise<string | null> {
  if (!content || Object.keys(content).length === 0) return null;
  const media = await Promise.all(
    Object.entries(content).map(
      async ([type, { schema }]) => `${JSON.stringify(type)}: ${await typeOf(schema)};`,
    ),
  );
  return `{\n${media.join("\n")}\n}`;
}

async function responsesOf(operation: Operation): Promise<string> {
  const entries = await Promise.all(
    Object.entries(operation.responses ?? {}).map(async ([status, response]) => {
      const headers = await Promise.all(
        Object.entries(response.headers ?? {}).map(
          async ([name, header]) =>
            `${docComment(header.description)}${JSON.stringify(name)}${header.required ? "" : "?"}: ${await typeOf(header.schema)};`,
        ),
      );
      const content = await contentOf(response.content);
      return `${docComment(response.description)}${/^\d+$/.test(status) ? status : JSON.stringify(status)}: {\nheaders: {\n${[...headers, "[name: string]: unknown;"].join("\n")}\n};\n${content ? `content: ${content};` : "content?: never;"}\n};`;
    }),
  );
  return `{\n${entries.join("\n")}\n}`;
}

async function operationType(operation: Operation): Promise<string> {
  const body = await contentOf(operation.requestBody?.content);
  const requestBody = body
    ? `requestBody${operation.requestBody?.required ? "" : "?"}: {\ncontent: ${body};\n};`
    : "requestBody?: never;";
  return `{\nparameters: ${await parametersOf(operation)};\n${requestBody}\nresponses: ${await responsesOf(operation)};\n}`;
}

/** `cli/api-types.ts` for this document: openapi-typescript's shape, formatted as the repository is. */
export async function emitApiTypes(document: OpenApiDocument): Promise<string> {
  const pathItems: string[] = [];
  const operations: string[] = [];
  const seen = new Set<string>();
  for (const [route, item] of Object.entries(document.paths ?? {})) {
    const methods: string[] = [];
    for (const method of METHODS) {
      const operation = item[method] as Operation | undefined;
      if (!operation) {
        methods.push(`${method}?: never;`);
        continue;
      }
      const id = operation.operationId;
      if (!id) throw new Error(`${method.toUpperCase()} ${route} has no operationId`);
      if (seen.has(id)) throw new Error(`operationId ${id} is used twice`);
      seen.add(id);
      methods.push(`${docComment(operation.summary)}${method}: operations[${JSON.stringify(id)}];`);
      operations.push(
        `${docComment(operation.summary, operation.description, `\`${method.toUpperCase()} ${route}\``)}${key(id)}: ${await operationType(operation)};`,
      );
    }
    pathItems.push(
      `${JSON.stringify(route)}: {\nparameters: {\nquery?: never;\nheader?: never;\npath?: never;\ncookie?: never;\n};\n${methods.join("\n")}\n};`,
    );
  }
  const schemas = await Promise.all(
    Object.entries(document.components?.schemas ?? {}).map(async ([name, schema]) => {
      const description = typeof schema === "object" ? (schema.description as string | undefined) : undefined;
      return `${docComment(description)}${key(name)}: ${await typeOf(schema)};`;
    }),
  );
  const source = `// Generated by scripts/generate-api-types.ts from the OpenAPI document (lib/api/openapi.ts); do not edit.
// Regenerate with \`npm run generate:api\`; tests/integration/cli.test.ts fails when this file is stale.

export interface paths {
${pathItems.join("\n")}
}

export type webhooks = Record<string, never>;

export interface components {
schemas: {
${schemas.join("\n")}
};
responses: never;
parameters: never;
requestBodies: never;
headers: never;
pathItems: never;
}

export type $defs = Record<string, never>;

export interface operations {
${operations.join("\n")}
}
`;
  return formatted(source);
}

/** Biome's formatting, so the committed file passes `npm run lint` exactly as generated. */
function formatted(source: string): string {
  return execFileSync(
    path.join(root, "node_modules/.bin/biome"),
    ["format", "--stdin-file-path=cli/api-types.ts"],
    {
      cwd: root,
      input: source,
      encoding: "utf8",
    },
  );
}
