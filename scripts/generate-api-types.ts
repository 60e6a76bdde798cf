import { readFileSync, writeFileSync } from "node:fs";
import { register } from "node:module";
import path from "node:path";
import { emitApiTypes, type OpenApiDocument } from "./emit-api-types";

// The routes import lib/ modules marked "server-only", which throws outside Next.
register("../bench/server-only-stub.mjs", import.meta.url);

export const API_TYPES_FILE = path.resolve(import.meta.dirname, "../cli/api-types.ts");

/** cli/api-types.ts as the current routes' OpenAPI document makes it, built in this process. */
export async function generateApiTypes(): Promise<string> {
  const [{ buildOpenApiDocument }, { apiRoutes }] = await Promise.all([
    import("@/lib/api/openapi"),
    import("@/lib/api/routes"),
  ]);
  return emitApiTypes(buildOpenApiDocument(apiRoutes) as OpenApiDocument);
}

const source = await generateApiTypes();
if (process.argv.includes("--check")) {
  let committed = "";
  try {
    committed = readFileSync(API_TYPES_FILE, "utf8");
  } catch {}
  if (committed !== source) {
    console.error("cli/api-types.ts is stale: run `npm run generate:api` and commit it.");
    process.exit(1);
  }
} else writeFileSync(API_TYPES_FILE, source);
