import type { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import { type Database, installDatabase, openDatabase } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import * as schema from "@/db/schema";
import { clusters, users } from "@/db/schema";
import { installProxmoxClient } from "@/lib/clusters/client-registry";
import { ProxmoxClient } from "@/lib/proxmox";
import { type RunningSimulator, startSimulator } from "@/pve-sim";
import type { SimVm } from "@/pve-sim/state/model";

/**
 * Puts `count` portal VMs (ids from 1000, spread over pve1–3, tagged as the portal tags its own) straight
 * into the simulator's state, which is far quicker than cloning them through the API.
 */
export function seedSimVms(
  sim: RunningSimulator,
  count: number,
  shape: { memoryMb?: number; diskGb?: number; running?: (index: number) => boolean } = {},
): void {
  for (let index = 0; index < count; index++) {
    const vmid = 1000 + index;
    const running = shape.running?.(index) ?? true;
    sim.state.vms.push({
      vmid,
      node: `pve${(index % 3) + 1}`,
      config: {
        name: `vm-${vmid}`,
        cores: "2",
        memory: String(shape.memoryMb ?? 2048),
        scsi0: `local-lvm:vm-${vmid}-disk-0,size=${shape.diskGb ?? 20}G`,
        tags: "roost",
      },
      pending: {},
      pendingDelete: [],
      status: running ? "running" : "stopped",
      paused: false,
      startedAt: running ? Date.now() - 3_600_000 : undefined,
      snapshots: [],
    } satisfies SimVm);
  }
}

/** An in-memory portal database and a simulator holding `extraVms` VMs, wired as the portal's cluster. */
export async function benchPortal(options: {
  extraVms: number;
  taskSpeed?: number;
  resourceCacheMs?: number;
  taskPollMs?: number;
}) {
  const opened = openDatabase({ dataDir: "memory" });
  await migrateDatabase(opened);
  // The same database, with every statement the portal sends counted.
  let queries = 0;
  const handle = {
    ...opened,
    db: drizzle(opened.client as PGlite, {
      schema,
      logger: {
        logQuery: () => {
          queries++;
        },
      },
    }) as unknown as Database,
  };
  installDatabase(handle);
  const sim: RunningSimulator = await startSimulator({
    port: 0,
    dataDir: null,
    taskSpeed: options.taskSpeed ?? 1,
    agentDelaySeconds: 0,
  });
  seedSimVms(sim, options.extraVms);
  const cluster = {
    id: "default",
    name: "bench",
    apiUrls: [sim.url],
    tokenId: sim.tokenId,
    tokenSecret: sim.tokenSecret,
    fingerprint: sim.fingerprint,
  };
  const client = new ProxmoxClient(cluster, {
    resourceCacheMs: options.resourceCacheMs,
    taskPollMs: options.taskPollMs,
  });
  installProxmoxClient("default", client);
  await handle.db.insert(clusters).values({
    id: "default",
    name: "bench",
    apiUrls: [sim.url],
    tokenId: sim.tokenId,
    tokenSecretEncrypted: "",
  });
  const [user] = await handle.db
    .insert(users)
    .values({ name: "Alice", username: "alice", email: "alice@bench.invalid" })
    .returning();
  return {
    sim,
    client,
    db: handle.db,
    user: user!,
    queries: () => queries,
    async close() {
      client.close();
      await sim.close();
      await handle.close();
    },
  };
}
