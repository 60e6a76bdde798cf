import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { installDatabase, openDatabase } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { insertBackup } from "@/db/queries/backups";
import { getUsage, quotaColumnsFrom } from "@/db/queries/quotas";
import { backupStorages, backups, clusters, userQuotas, users, vms } from "@/db/schema";
import { QuotaExceededError, withinQuota } from "@/lib/quotas/effective-quota";
import { userAccount } from "@/lib/quotas/quota-account";
import { median, percentile, round } from "./stats";

/**
 * Issue #20: the backup quota is checked under the owner's row lock, like VM requests. A member who keeps
 * 5,000 backups (of 100 VMs) sends 50 backups at once with room for 20: how long the usage read takes,
 * and how long the 50 reservations take end to end (exactly 20 must be admitted).
 */
const KEPT = 5_000;
const VMS = 100;
const BURST = 50;
const ROOM = 20;
const GIB = 1024 ** 3;
const dataDir = mkdtempSync(path.join(tmpdir(), "roost-bench-backup-"));
process.env.ROOST_DATA_DIR = dataDir;
const handle = openDatabase({ dataDir: "memory" });
await migrateDatabase(handle);
installDatabase(handle);
const db = handle.db;

await db.insert(clusters).values({
  id: "bench",
  name: "bench",
  apiUrls: ["https://127.0.0.1:8006"],
  tokenId: "roost@pve!bench",
  tokenSecretEncrypted: "x",
});
const [owner] = await db.insert(users).values({ name: "bea", username: "bea", role: "member" }).returning();
const ownerId = owner!.id;
await db.insert(userQuotas).values({
  userId: ownerId,
  ...quotaColumnsFrom({
    vms: VMS,
    cores: 1000,
    memoryMb: 1_000_000,
    diskGb: 100_000,
    snapshots: 0,
    backups: KEPT + ROOM,
    backupGb: 1_000_000,
  }),
});
const [storage] = await db
  .insert(backupStorages)
  .values({ clusterId: "bench", storage: "pbs", type: "pbs", label: "PBS", modes: ["snapshot"] })
  .returning();
const vmRows = await db
  .insert(vms)
  .values(
    Array.from({ length: VMS }, (_, index) => ({
      clusterId: "bench",
      ownerId,
      name: `vm-${index}`,
      vmid: 1000 + index,
      node: "pve1",
      cores: 1,
      memoryMb: 1024,
      diskGb: 10,
      state: "running" as const,
    })),
  )
  .returning();
const row = (index: number) => ({
  vmId: vmRows[index % VMS]!.id,
  ownerId,
  clusterId: "bench",
  storageId: storage!.id,
  node: "pve1",
  vmid: 1000 + (index % VMS),
  cores: 1,
  memoryMb: 1024,
  diskGb: 10,
  mode: "snapshot" as const,
  state: "done" as const,
  sizeBytes: 2 * GIB,
});
for (let start = 0; start < KEPT; start += 500)
  await db.insert(backups).values(Array.from({ length: 500 }, (_, offset) => row(start + offset)));

const usageTimes: number[] = [];
for (let run = 0; run < 50; run++) {
  const started = performance.now();
  await getUsage(userAccount(ownerId));
  usageTimes.push(performance.now() - started);
}

const started = performance.now();
const outcomes = await Promise.all(
  Array.from({ length: BURST }, (_, index) =>
    withinQuota(userAccount(ownerId), { backups: 1, backupGb: 10 }, (tx) =>
      insertBackup({ ...row(index), state: "running", sizeBytes: 10 * GIB }, tx),
    ).then(
      () => "admitted" as const,
      (error: unknown) => {
        if (error instanceof QuotaExceededError) return "refused" as const;
        throw error;
      },
    ),
  ),
);
const burstMs = performance.now() - started;
const admitted = outcomes.filter((outcome) => outcome === "admitted").length;
if (admitted !== ROOM) throw new Error(`expected ${ROOM} admitted, got ${admitted}`);

await handle.close();
rmSync(dataDir, { recursive: true, force: true });

console.log(
  JSON.stringify({
    bench: "backup-quota",
    keptBackups: KEPT,
    usageMedianMs: round(median(usageTimes)),
    usageP95Ms: round(percentile(usageTimes, 95)),
    burst: BURST,
    admitted,
    burstTotalMs: round(burstMs),
    perReservationMs: round(burstMs / BURST),
  }),
);
