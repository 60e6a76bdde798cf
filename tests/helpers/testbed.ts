import { afterAll, beforeAll } from "vitest";
import { getDb } from "@/db/client";
import { quotaColumnsFrom } from "@/db/queries/quotas";
import { type QuotaInput, userQuotas } from "@/db/schema";
import type { ClientOptions } from "@/lib/proxmox";
import type { SimulatorOptions } from "@/pve-sim";
import { createTestDatabase, type TestDatabase } from "./database";
import type { TestAccess, TestCluster } from "./pve-sim";
import { startRegisteredCluster } from "./registered-cluster";

export interface TestbedOptions {
  sim?: SimulatorOptions;
  client?: ClientOptions;
  access?: TestAccess;
}

/**
 * A fresh database and the simulator registered as cluster "sim", for the file (or describe block) that
 * calls it: made before its tests, closed after them. The cluster it returns can be used from the hooks
 * and tests that follow.
 */
export function setUpClusterTestbed(options: TestbedOptions = {}): TestCluster {
  let database: TestDatabase | undefined;
  let started: TestCluster | undefined;
  beforeAll(async () => {
    database = await createTestDatabase();
    started = await startRegisteredCluster(options.sim, options.client, "sim", options.access);
  });
  afterAll(async () => {
    await started?.close();
    await database?.drop();
  });
  const cluster = () => {
    if (!started) throw new Error("The testbed's cluster starts in beforeAll: use it from a hook or a test.");
    return started;
  };
  return {
    get sim() {
      return cluster().sim;
    },
    get client() {
      return cluster().client;
    },
    get admin() {
      return cluster().admin;
    },
    get tokenId() {
      return cluster().tokenId;
    },
    get tokenSecret() {
      return cluster().tokenSecret;
    },
    close: () => cluster().close(),
  };
}

/** Gives a user their own quota, in place of the defaults. */
export async function giveQuota(userId: string, quota: QuotaInput): Promise<void> {
  await getDb()
    .insert(userQuotas)
    .values({ userId, ...quotaColumnsFrom(quota) });
}
