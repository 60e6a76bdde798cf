import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { installDatabase, openDatabase } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { users } from "@/db/schema";
import { createApiDispatcher } from "@/lib/api/dispatch";
import { apiRoutes } from "@/lib/api/routes";
import { mintApiToken } from "@/lib/api-tokens/mint-token";
import { WindowLimiter } from "@/lib/limits/window-limiter";
import { median, percentile, round } from "./stats";

/**
 * Issue #19: an auditor reading 50,000 audit events through GET /admin/audit, 200 at a time, on the
 * embedded database. Keyset cursors should make the 250th page cost what the first does.
 */
const EVENTS = 50_000;
const LIMIT = 200;
const dataDir = mkdtempSync(path.join(tmpdir(), "roost-bench-audit-"));
process.env.ROOST_DATA_DIR = dataDir;
const handle = openDatabase({ dataDir: "memory" });
await migrateDatabase(handle);
installDatabase(handle);
const db = handle.db;

const [auditor] = await db
  .insert(users)
  .values({ name: "audrey", username: "audrey", role: "auditor" })
  .returning();
// Pairs of events share a timestamp, so pages also break ties by id.
await db.execute(sql`
  insert into audit_events (at, actor_label, action, target_type, target_id, result)
  select now() - ((g / 2) || ' seconds')::interval, 'bench',
         case when g % 2 = 0 then 'vm.create' else 'user.disable' end, 'vm', 'target-' || g, 'success'
  from generate_series(1, ${EVENTS}) as g`);
const { token } = await mintApiToken(auditor!, { name: "bench", scope: "read", adminScope: "admin:read" });
const dispatch = createApiDispatcher({ routes: apiRoutes, limiter: new WindowLimiter(1_000_000, 60_000) });

async function readAll(query: string): Promise<{ times: number[]; events: number }> {
  const times: number[] = [];
  let cursor: string | null = null;
  let events = 0;
  do {
    const url: string = `http://127.0.0.1/api/v1/admin/audit?limit=${LIMIT}${query}${cursor ? `&cursor=${cursor}` : ""}`;
    const started = performance.now();
    const response = await dispatch(new Request(url, { headers: { authorization: `Bearer ${token}` } }));
    const page = (await response.json()) as { items: unknown[]; nextCursor: string | null };
    times.push(performance.now() - started);
    if (response.status !== 200) throw new Error(`expected 200, got ${response.status}`);
    events += page.items.length;
    cursor = page.nextCursor;
  } while (cursor);
  return { times, events };
}

const all = await readAll("");
if (all.events !== EVENTS) throw new Error(`read ${all.events} events of ${EVENTS}`);
const filtered = await readAll("&action=vm.");
if (filtered.events !== EVENTS / 2) throw new Error(`read ${filtered.events} vm.* events of ${EVENTS / 2}`);
await handle.close();
rmSync(dataDir, { recursive: true, force: true });

const summary = ({ times, events }: { times: number[]; events: number }) => ({
  events,
  pages: times.length,
  firstPageMs: round(times[0]!),
  medianMs: round(median(times)),
  p95Ms: round(percentile(times, 95)),
  lastTenMedianMs: round(median(times.slice(-10))),
});

console.log(
  JSON.stringify({
    bench: "api-audit-pages",
    limit: LIMIT,
    all: summary(all),
    filteredByAction: summary(filtered),
  }),
);
