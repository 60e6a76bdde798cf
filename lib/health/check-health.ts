import "server-only";
import { getDatabaseHandle } from "@/db/client";
import { ensureMigrated } from "@/db/migrate";
import { pingDatabase } from "@/db/queries/health";
import packageJson from "@/package.json";

export interface Health {
  status: "ok" | "degraded";
  version: string;
  database: {
    driver: "postgres" | "pglite";
    state: "ok" | "unreachable";
    latencyMs?: number;
    error?: string;
  };
}

export async function checkHealth(): Promise<Health> {
  const handle = getDatabaseHandle();
  const started = performance.now();
  try {
    await ensureMigrated();
    await pingDatabase(handle.db);
    return {
      status: "ok",
      version: packageJson.version,
      database: { driver: handle.driver, state: "ok", latencyMs: Math.round(performance.now() - started) },
    };
  } catch (error) {
    return {
      status: "degraded",
      version: packageJson.version,
      database: {
        driver: handle.driver,
        state: "unreachable",
        error:
          error instanceof Error
            ? error.message.replace(/postgres(ql)?:\/\/[^\s]+/g, "[database url]")
            : "unknown",
      },
    };
  }
}
