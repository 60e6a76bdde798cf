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

/** An in-memory portal database and a simulator holding `extraVms` VMs, wired as the portal's cluster. */
export async function benchPortal(options: {
  extraVms: number;
  taskSpeed?: number;
  resourceCacheMs?: number;
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
  for (let index = 0; index < options.extraVms; index++) {
    const vmid = 1000 + index;
    sim.state.vms.push({
      vmid,
      node: `pve${(index % 3) + 1}`,
      config: {
        name: `vm-${vmid}`,
        cores: "2",
        memory: "2048",
        scsi0: `local-lvm:vm-${vmid}-disk-0,size=20G`,
        // The portal's own VMs carry its tag; without it, it refuses to remove them (lib/vms/vm-identity.ts).
        tags: "roost",
      },
      pending: {},
      pendingDelete: [],
      status: "running",
      paused: false,
      startedAt: Date.now(),
      snapshots: [],
    } satisfies SimVm);
  }
  const cluster = {
    id: "default",
    name: "bench",
    apiUrls: [sim.url],
    tokenId: sim.tokenId,
    tokenSecret: sim.tokenSecret,
    fingerprint: sim.fingerprint,
  };
  const client = new ProxmoxClient(cluster, { resourceCacheMs: options.resourceCacheMs });
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
