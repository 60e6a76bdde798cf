import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { quotaColumnsFrom } from "@/db/queries/quotas";
import { groups, userQuotas, users, vms } from "@/db/schema";
import {
  getEffectiveQuota,
  getQuotaStatus,
  QuotaExceededError,
  withinQuota,
} from "@/lib/quotas/effective-quota";
import { userAccount } from "@/lib/quotas/quota-account";
import { setSetting } from "@/lib/settings/settings";
import { createTestDatabase, type TestDatabase } from "../helpers/database";
import { createTestCluster, createTestVm } from "../helpers/fixtures";
import { createUserWithSession } from "../helpers/session";

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
  await createTestCluster();
});
afterAll(() => database.drop());

const policy = (vmsAllowed: number, cores = 8) => ({
  vms: vmsAllowed,
  cores,
  memoryMb: 8192,
  diskGb: 100,
  snapshots: 5,
  backups: 4,
  backupGb: 40,
});

describe("a user's effective quota", () => {
  it("is the global default when nothing else applies, and follows the setting", async () => {
    const user = await createUserWithSession("dora", "member");
    await setSetting("quota.default", policy(4), null);
    expect(await getEffectiveQuota(user.id)).toEqual({ quota: policy(4), source: "default" });
  });

  it("is the most generous of the user's groups", async () => {
    const user = await createUserWithSession("gus", "member");
    await getDb()
      .update(users)
      .set({ groups: ["students", "staff", "unknown"] })
      .where(eq(users.id, user.id));
    await getDb()
      .insert(groups)
      .values([
        { name: "students", ...quotaColumnsFrom(policy(2, 16)) },
        { name: "staff", ...quotaColumnsFrom(policy(6, 4)) },
      ]);
    expect(await getEffectiveQuota(user.id)).toEqual({
      quota: { ...policy(6), cores: 16 },
      source: "groups",
    });
  });

  it("is an admin's override, whatever the groups say", async () => {
    const user = await createUserWithSession("olga", "member");
    await getDb()
      .update(users)
      .set({ groups: ["staff"] })
      .where(eq(users.id, user.id));
    await getDb()
      .insert(userQuotas)
      .values({ userId: user.id, ...quotaColumnsFrom(policy(1)) });
    expect(await getEffectiveQuota(user.id)).toEqual({ quota: policy(1), source: "override" });
  });

  it("counts every VM the user has, running or stopped, but not deleted ones", async () => {
    const user = await createUserWithSession("uma", "member");
    await createTestVm({ ownerId: user.id, cores: 2, memoryMb: 2048, diskGb: 20, snapshotCount: 1 });
    await createTestVm({ ownerId: user.id, cores: 1, memoryMb: 1024, diskGb: 10, state: "stopped" });
    await createTestVm({ ownerId: user.id, cores: 8, memoryMb: 8192, diskGb: 80, state: "deleted" });
    const status = await getQuotaStatus(userAccount(user.id));
    expect(status.usage).toEqual({
      vms: 2,
      cores: 3,
      memoryMb: 3072,
      diskGb: 30,
      snapshots: 1,
      backups: 0,
      backupGb: 0,
    });
    expect(status.remaining).toEqual({
      vms: 2,
      cores: 5,
      memoryMb: 5120,
      diskGb: 70,
      snapshots: 4,
      backups: 4,
      backupGb: 40,
    });
  });
});

describe("claiming within the quota", () => {
  it("lets exactly as many concurrent requests through as there is room for", async () => {
    const user = await createUserWithSession("racer", "member");
    await getDb()
      .insert(userQuotas)
      .values({ userId: user.id, ...quotaColumnsFrom(policy(3, 100)) });
    const attempts = Array.from({ length: 20 }, (_, index) =>
      withinQuota(userAccount(user.id), { vms: 1, cores: 1, memoryMb: 1024, diskGb: 10 }, (tx) =>
        tx.insert(vms).values({
          clusterId: "test-cluster",
          ownerId: user.id,
          name: `race-${index}`,
          cores: 1,
          memoryMb: 1024,
          diskGb: 10,
        }),
      ),
    );
    const results = await Promise.allSettled(attempts);
    const refused = results.filter((result) => result.status === "rejected");
    expect(results.length - refused.length).toBe(3);
    for (const result of refused)
      expect((result as PromiseRejectedResult).reason).toBeInstanceOf(QuotaExceededError);
    const made = await getDb().select().from(vms).where(eq(vms.ownerId, user.id));
    expect(made).toHaveLength(3);
  });

  it("says what is missing when a request does not fit", async () => {
    const user = await createUserWithSession("tight", "member");
    await getDb()
      .insert(userQuotas)
      .values({ userId: user.id, ...quotaColumnsFrom(policy(1, 2)) });
    await expect(
      withinQuota(userAccount(user.id), { vms: 1, cores: 4 }, async () => "claimed"),
    ).rejects.toThrow("This needs 4 cores, but you have 2 cores left of 2 cores.");
  });
});
