import { z } from "zod";
import { buildOpenApiDocument } from "@/lib/api/openapi";
import { apiRoutes } from "@/lib/api/routes";

type JsonSchema = Record<string, unknown>;
interface Documented {
  paths: Record<
    string,
    Record<string, { responses: Record<string, { content?: Record<string, { schema: JsonSchema }> }> }>
  >;
  components: { schemas: Record<string, JsonSchema> };
}

const document = buildOpenApiDocument(apiRoutes) as unknown as Documented;

function inline(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(inline);
  if (!schema || typeof schema !== "object") return schema;
  const ref = (schema as { $ref?: string }).$ref;
  if (ref?.startsWith("#/components/schemas/"))
    return inline(document.components.schemas[ref.slice("#/components/schemas/".length)]);
  return Object.fromEntries(Object.entries(schema).map(([key, value]) => [key, inline(value)]));
}

/**
 * Why an answer does not match what the OpenAPI document says `method path` answers with its status;
 * null when it does (or when the status is documented to have no body).
 */
export function undocumentedAnswer(
  method: string,
  path: string,
  answer: { status: number; body: unknown; headers: Headers },
): string | null {
  const documented = document.paths[path]?.[method.toLowerCase()]?.responses[String(answer.status)];
  if (!documented) return `${method} ${path} answered ${answer.status}, which is not documented`;
  const [type, media] = Object.entries(documented.content ?? {})[0] ?? [];
  if (!type || !media) return answer.body === null ? null : `${method} ${path} ${answer.status} has a body`;
  if (answer.headers.get("content-type") !== type)
    return `${method} ${path} answered ${answer.headers.get("content-type")}, not ${type}`;
  const parsed = z.fromJSONSchema(inline(media.schema) as JsonSchema).safeParse(answer.body);
  return parsed.success ? null : `${method} ${path}: ${parsed.error.message}`;
}
