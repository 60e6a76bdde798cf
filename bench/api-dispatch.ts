import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { installDatabase, openDatabase } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { clusters, users, vms } from "@/db/schema";
import { createApiDispatcher } from "@/lib/api/dispatch";
import { apiRoutes } from "@/lib/api/routes";
import { mintApiToken } from "@/lib/api-tokens/mint-token";
import { WindowLimiter } from "@/lib/limits/window-limiter";
import { median, percentile, round } from "./stats";

/**
 * Issue #19: what /api/v1 adds around a handler on the embedded database — a page of 50 of a member's
 * 200 VMs (token, rate limit, scope, parse, query), the OpenAPI document built once and served after, and
 * a write replayed under its Idempotency-Key against doing it.
 */
const dataDir = mkdtempSync(path.join(tmpdir(), "roost-bench-api-"));
process.env.ROOST_DATA_DIR = dataDir;
const handle = openDatabase({ dataDir: "memory" });
await migrateDatabase(handle);
installDatabase(handle);
const db = handle.db;

const [owner] = await db.insert(users).values({ name: "bench", username: "bench" }).returning();
await db.insert(clusters).values({
  id: "bench",
  name: "bench",
  apiUrls: ["https://127.0.0.1:8006"],
  tokenId: "r@pve!b",
  tokenSecretEncrypted: "x",
});
// Not yet placed on a cluster, so the list asks no Proxmox for their live state: the API's own cost.
await db.insert(vms).values(
  Array.from({ length: 200 }, (_, index) => ({
    clusterId: "bench",
    ownerId: owner!.id,
    name: `vm-${String(index).padStart(3, "0")}`,
    cores: 1,
    memoryMb: 1024,
    diskGb: 8,
    state: "provisioning" as const,
  })),
);
const { token } = await mintApiToken(owner!, { name: "bench", scope: "manage" });
const dispatch = createApiDispatcher({ routes: apiRoutes, limiter: new WindowLimiter(1_000_000, 60_000) });
const call = (method: string, url: string, headers: Record<string, string> = {}) =>
  dispatch(
    new Request(`http://127.0.0.1/api/v1${url}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...headers },
    }),
  );

async function timed(times: number[], run: () => Promise<Response>, status: number) {
  const started = performance.now();
  const response = await run();
  await response.arrayBuffer();
  times.push(performance.now() - started);
  if (response.status !== status) throw new Error(`expected ${status}, got ${response.status}`);
}

const pages: number[] = [];
for (let index = 0; index < 300; index++) await timed(pages, () => call("GET", "/vms?limit=50"), 200);

const documentTimes: number[] = [];
for (let index = 0; index < 20; index++) await timed(documentTimes, () => call("GET", "/openapi.json"), 200);

const [vm] = await db.select().from(vms).limit(1);
const renewals: number[] = [];
const replays: number[] = [];
for (let index = 0; index < 100; index++) {
  const headers = { "idempotency-key": `bench-${index}` };
  await timed(renewals, () => call("POST", `/vms/${vm!.id}/lease/renew`, headers), 200);
  await timed(replays, () => call("POST", `/vms/${vm!.id}/lease/renew`, headers), 200);
}
await handle.close();
rmSync(dataDir, { recursive: true, force: true });

console.log(
  JSON.stringify({
    bench: "api-dispatch",
    listPage: {
      vms: 200,
      limit: 50,
      calls: pages.length,
      medianMs: round(median(pages)),
      p95Ms: round(percentile(pages, 95)),
    },
    openapi: { firstMs: round(documentTimes[0]!), laterMedianMs: round(median(documentTimes.slice(1))) },
    write: {
      calls: renewals.length,
      medianMs: round(median(renewals)),
      p95Ms: round(percentile(renewals, 95)),
    },
    replay: {
      calls: replays.length,
      medianMs: round(median(replays)),
      p95Ms: round(percentile(replays, 95)),
    },
  }),
);
