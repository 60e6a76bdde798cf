import type { buildOpenApiDocument } from "./openapi";

type Schema = Record<string, unknown>;
type Document = ReturnType<typeof buildOpenApiDocument>;

export interface ReferenceField {
  name: string;
  type: string;
  /** The component the type names, for a link to it. */
  refersTo: string | null;
  required: boolean;
  description: string | null;
  constraints: string[];
}

export interface ReferenceOperation {
  id: string;
  method: string;
  path: string;
  scope: string;
  summary: string;
  description: string | null;
  pathParams: ReferenceField[];
  query: ReferenceField[];
  headers: ReferenceField[];
  body: { type: string; refersTo: string | null; fields: ReferenceField[] } | null;
  /** Whether writes may send an Idempotency-Key. */
  idempotent: boolean;
  /** The refusals every operation can give (401, 403, 422, 429), told once on the page. */
  commonStatuses: string[];
  responses: {
    status: string;
    description: string;
    type: string | null;
    refersTo: string | null;
    /** An answer's fields when its schema is written in place rather than named. */
    fields: ReferenceField[];
  }[];
}

const componentPrefix = "#/components/schemas/";
const commonStatuses = new Set(["401", "403", "422", "429"]);

function refName(schema: Schema): string | null {
  const ref = schema.$ref;
  return typeof ref === "string" && ref.startsWith(componentPrefix)
    ? ref.slice(componentPrefix.length)
    : null;
}

/** A schema's type as a reader would write it: `string (uuid)`, `Vm[]`, `"disk" | "cdrom"`. */
export function typeOf(schema: Schema | undefined): string {
  if (!schema) return "any";
  const ref = refName(schema);
  if (ref) return ref;
  if (Array.isArray(schema.enum)) return schema.enum.map((value) => JSON.stringify(value)).join(" | ");
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  for (const key of ["anyOf", "oneOf"] as const)
    if (Array.isArray(schema[key])) return (schema[key] as Schema[]).map(typeOf).join(" | ");
  const types = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string | undefined];
  return types
    .map((type) => {
      if (type === "array") return `${typeOf(schema.items as Schema | undefined)}[]`;
      if (type === "string" && typeof schema.format === "string") return `string (${schema.format})`;
      if (type === "object" && !schema.properties && schema.additionalProperties)
        return `map of ${typeOf(schema.additionalProperties as Schema)}`;
      return type ?? "any";
    })
    .join(" | ");
}

function refersTo(schema: Schema | undefined): string | null {
  if (!schema) return null;
  return refName(schema) ?? (schema.items ? refName(schema.items as Schema) : null);
}

function constraintsOf(schema: Schema): string[] {
  const found: string[] = [];
  if (schema.minimum !== undefined) found.push(`≥ ${schema.minimum}`);
  if (schema.maximum !== undefined) found.push(`≤ ${schema.maximum}`);
  const characters = (count: unknown) => `${count} character${count === 1 ? "" : "s"}`;
  if (schema.minLength !== undefined) found.push(`at least ${characters(schema.minLength)}`);
  if (schema.maxLength !== undefined) found.push(`at most ${characters(schema.maxLength)}`);
  // A format (uuid, date-time) says it in a word; its pattern would only repeat it.
  if (typeof schema.pattern === "string" && schema.format === undefined)
    found.push(`matches ${schema.pattern}`);
  if (schema.default !== undefined) found.push(`default ${JSON.stringify(schema.default)}`);
  return found;
}

/** The fields of an object schema, one row each. */
export function fieldsOf(schema: Schema | undefined): ReferenceField[] {
  const properties = (schema?.properties ?? {}) as Record<string, Schema>;
  const required = new Set((schema?.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => ({
    name,
    type: typeOf(property),
    refersTo: refersTo(property),
    required: required.has(name),
    description: typeof property.description === "string" ? property.description : null,
    constraints: constraintsOf(property),
  }));
}

interface RawParameter {
  in: string;
  name: string;
  required?: boolean;
  description?: string;
  schema?: Schema;
}

function parameterFields(parameters: RawParameter[], where: string): ReferenceField[] {
  return parameters
    .filter((parameter) => parameter.in === where)
    .map((parameter) => ({
      name: parameter.name,
      type: typeOf(parameter.schema),
      refersTo: refersTo(parameter.schema),
      required: parameter.required ?? false,
      description: parameter.description ?? null,
      constraints: parameter.schema ? constraintsOf(parameter.schema) : [],
    }));
}

interface RawOperation {
  operationId: string;
  summary: string;
  description?: string;
  tags?: string[];
  "x-roost-scope": string;
  parameters?: RawParameter[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, { description: string; content?: Record<string, { schema: Schema }> }>;
}

/** The document as the reference page shows it: tags with their operations, then the schemas. */
export function apiReference(document: Document) {
  const raw = document as unknown as {
    tags?: { name: string; description?: string }[];
    paths: Record<string, Record<string, RawOperation>>;
    components?: { schemas?: Record<string, Schema> };
  };
  const operations = Object.entries(raw.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, operation]) => ({ path, method, operation })),
  );
  const tags = (raw.tags ?? []).map((tag) => ({
    name: tag.name,
    description: tag.description ?? null,
    operations: operations
      .filter(({ operation }) => operation.tags?.includes(tag.name))
      .map(({ path, method, operation }): ReferenceOperation => {
        const parameters = operation.parameters ?? [];
        const body = operation.requestBody?.content["application/json"]?.schema;
        return {
          id: operation.operationId,
          method: method.toUpperCase(),
          path,
          scope: operation["x-roost-scope"],
          summary: operation.summary,
          description: operation.description ?? null,
          pathParams: parameterFields(parameters, "path"),
          query: parameterFields(parameters, "query"),
          headers: parameterFields(parameters, "header").filter((field) => field.name !== "idempotency-key"),
          idempotent: parameters.some((parameter) => parameter.name === "idempotency-key"),
          commonStatuses: Object.keys(operation.responses).filter((status) => commonStatuses.has(status)),
          body: body
            ? {
                type: typeOf(body),
                refersTo: refName(body),
                fields: fieldsOf(refName(body) ? raw.components?.schemas?.[refName(body)!] : body),
              }
            : null,
          responses: Object.entries(operation.responses)
            .filter(([status]) => !commonStatuses.has(status))
            .map(([status, response]) => {
              const schema = Object.values(response.content ?? {})[0]?.schema;
              return {
                status,
                description: response.description,
                type: schema ? typeOf(schema) : null,
                refersTo: refersTo(schema),
                fields: schema && !refName(schema) ? fieldsOf(schema) : [],
              };
            }),
        };
      }),
  }));
  const schemas = Object.entries(raw.components?.schemas ?? {}).map(([name, schema]) => ({
    name,
    description: typeof schema.description === "string" ? schema.description : null,
    fields: fieldsOf(schema),
  }));
  return { tags, schemas };
}
