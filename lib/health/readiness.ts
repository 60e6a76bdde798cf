import type { DatabaseHandle } from "@/db/client";
import { pingDatabase } from "@/db/queries/health";
import type { ProxmoxClient } from "@/lib/proxmox";
import type { MissingPrivileges } from "@/lib/proxmox/portal-access";
import { type MigrationStatus, readMigrationStatus } from "./migration-status";

export interface ReadinessSources {
  database: DatabaseHandle;
  migrationsFolder: string;
  /** Each cluster and how to reach it; building the client (decrypting its secret) is part of the check. */
  clusters: { id: string; client: ProxmoxClient | (() => Promise<ProxmoxClient>) }[];
  /** How long each check may take before it counts as failed. */
  timeoutMs?: number;
  /** What the cluster's token lacks of the privileges the portal needs; a cluster lacking any is not ready. */
  privileges?: (id: string, client: ProxmoxClient) => Promise<{ missing: MissingPrivileges[] }>;
}

interface CheckResult {
  ok: boolean;
  latencyMs?: number;
  error?: string;
}

export interface Readiness {
  ready: boolean;
  /** The names of the checks that failed: database, migrations, cluster:<id>. */
  failed: string[];
  database: CheckResult;
  migrations: CheckResult & Partial<MigrationStatus>;
  clusters: (CheckResult & { id: string; version?: string; missingPrivileges?: MissingPrivileges[] })[];
}

class CheckTimeout extends Error {}

async function timed<T>(timeoutMs: number, work: () => Promise<T>): Promise<CheckResult & { value?: T }> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    const value = await Promise.race([
      work(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new CheckTimeout(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    return { ok: true, latencyMs: Math.round(performance.now() - started), value };
  } catch (error) {
    return { ok: false, error: messageOf(error) };
  } finally {
    clearTimeout(timer);
  }
}

function messageOf(error: unknown): string {
  const message = error instanceof Error ? error.message : "unknown error";
  // A driver's message can quote the connection string, password included.
  return message.replace(/postgres(ql)?:\/\/[^\s]+/g, "[database url]");
}

/**
 * Whether this replica should get traffic: its database answers, has every migration this build ships,
 * and every configured Proxmox VE cluster answers GET /version.
 */
export async function checkReadiness(sources: ReadinessSources): Promise<Readiness> {
  const timeoutMs = sources.timeoutMs ?? 3000;
  const { db } = sources.database;
  const [database, migrationCheck, clusterChecks] = await Promise.all([
    timed(timeoutMs, () => pingDatabase(db)),
    timed(timeoutMs, () => readMigrationStatus(db, sources.migrationsFolder)),
    Promise.all(
      sources.clusters.map(async ({ id, client }) => {
        const { value, ...result } = await timed(timeoutMs, async () => {
          const resolved = typeof client === "function" ? await client() : client;
          const version = await resolved.version();
          const report = sources.privileges ? await sources.privileges(id, resolved) : { missing: [] };
          return { version: version.version, missing: report.missing };
        });
        if (value?.missing.length) {
          const privileges = [...new Set(value.missing.flatMap((gap) => gap.missing))];
          return {
            id,
            ...result,
            ok: false,
            version: value.version,
            error: `the API token lacks ${privileges.join(", ")} (see docs/proxmox-setup.md)`,
            missingPrivileges: value.missing,
          };
        }
        return { id, ...result, ...(value ? { version: value.version } : {}) };
      }),
    ),
  ]);
  const { value: status, ...migrationResult } = migrationCheck;
  const migrations =
    status && status.pending.length > 0
      ? {
          ...migrationResult,
          ...status,
          ok: false,
          error: `${status.pending.length} migration(s) not applied`,
        }
      : { ...migrationResult, ...status };
  const failed = [
    ...(database.ok ? [] : ["database"]),
    ...(migrations.ok ? [] : ["migrations"]),
    ...clusterChecks.filter((cluster) => !cluster.ok).map((cluster) => `cluster:${cluster.id}`),
  ];
  return {
    ready: failed.length === 0,
    failed,
    database: { ok: database.ok, latencyMs: database.latencyMs, error: database.error },
    migrations,
    clusters: clusterChecks,
  };
}
