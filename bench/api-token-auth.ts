import { eq } from "drizzle-orm";
import { installDatabase, openDatabase } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { apiTokens, users } from "@/db/schema";
import { authenticateToken } from "@/lib/api-tokens/authenticate-token";
import { mintApiToken } from "@/lib/api-tokens/mint-token";
import { generateTokenSecret } from "@/lib/api-tokens/token-secret";
import { median, percentile, round } from "./stats";

/**
 * Issue #19: what authenticating an API call costs on the embedded database with 10,000 tokens stored —
 * time per call, and how many calls wrote the last use (at most one a minute per token).
 */
const handle = openDatabase({ dataDir: "memory" });
await migrateDatabase(handle);
installDatabase(handle);
const db = handle.db;

const [owner, others] = await db
  .insert(users)
  .values([
    { name: "bench", username: "bench", role: "admin" as const },
    { name: "others", username: "others" },
  ])
  .returning();
for (let batch = 0; batch < 10; batch++) {
  await db.insert(apiTokens).values(
    Array.from({ length: 1000 }, () => {
      const { prefix, secretHash } = generateTokenSecret();
      return { userId: others!.id, name: "filler", scopes: ["read"], prefix, secretHash };
    }),
  );
}
const { token, record } = await mintApiToken(owner!, {
  name: "bench",
  scope: "manage",
  adminScope: "admin:write",
});

const calls = 1000;
const times: number[] = [];
let writes = 0;
let lastUse: Date | null = null;
for (let call = 0; call < calls; call++) {
  const started = performance.now();
  const caller = await authenticateToken(`Bearer ${token}`, "203.0.113.9");
  times.push(performance.now() - started);
  if (caller.scopes.length !== 2) throw new Error("the token lost its scopes");
  const [row] = await db
    .select({ lastUsedAt: apiTokens.lastUsedAt })
    .from(apiTokens)
    .where(eq(apiTokens.id, record.id));
  if (row?.lastUsedAt && row.lastUsedAt.getTime() !== lastUse?.getTime()) {
    writes++;
    lastUse = row.lastUsedAt;
  }
}
const refusedStarted = performance.now();
await authenticateToken(`Bearer roost_${"x".repeat(43)}`, null).catch(() => {});
const unknownMs = performance.now() - refusedStarted;
await handle.close();

console.log(
  JSON.stringify({
    bench: "api-token-auth",
    storedTokens: 10_001,
    calls,
    medianMs: round(median(times)),
    p95Ms: round(percentile(times, 95)),
    unknownTokenMs: round(unknownMs),
    lastUseWrites: writes,
  }),
);
