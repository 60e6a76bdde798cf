import { randomBytes } from "node:crypto";
import { Worker } from "node:worker_threads";
import type { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import postgres, { type Sql } from "postgres";
import { type Database, type DatabaseHandle, installDatabase, openDatabase } from "@/db/client";
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

/**
 * A fresh portal database: in-memory PGlite (the embedded default), or, given a server's URL, a new
 * database on that PostgreSQL server (what deployers run), dropped on close. Every statement is counted.
 */
async function benchDatabase(serverUrl: string | undefined) {
  let dropDatabase = async () => {};
  let opened: DatabaseHandle;
  if (serverUrl) {
    const name = `roost_bench_${randomBytes(6).toString("hex")}`;
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    opened = openDatabase({ url: url.toString() });
    dropDatabase = async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    };
  } else {
    opened = openDatabase({ dataDir: "memory" });
  }
  await migrateDatabase(opened);
  let queries = 0;
  const logger = {
    logQuery: () => {
      queries++;
    },
  };
  const db = (opened.driver === "postgres"
    ? drizzlePostgres(opened.client as Sql, { schema, logger })
    : drizzlePglite(opened.client as PGlite, { schema, logger })) as unknown as Database;
  return {
    handle: { ...opened, db },
    queries: () => queries,
    async close() {
      await opened.close();
      await dropDatabase();
    },
  };
}

interface PortalOptions {
  taskSpeed?: number;
  resourceCacheMs?: number;
  taskPollMs?: number;
  /** A PostgreSQL server to make the database on; in-memory PGlite without. */
  databaseUrl?: string;
}

type SimulatorAddress = Pick<RunningSimulator, "url" | "tokenId" | "tokenSecret" | "fingerprint">;

/** The portal's database, its Proxmox client and one member, wired to the simulator at `sim`. */
async function wirePortal(sim: SimulatorAddress, options: PortalOptions) {
  const database = await benchDatabase(options.databaseUrl);
  const { handle } = database;
  installDatabase(handle);
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
    client,
    db: handle.db,
    user: user!,
    queries: database.queries,
    async close() {
      client.close();
      await database.close();
    },
  };
}

/** A portal database (see `benchDatabase`) and an in-process simulator holding `extraVms` VMs. */
export async function benchPortal(options: PortalOptions & { extraVms: number }) {
  const sim = await startSimulator({
    port: 0,
    dataDir: null,
    taskSpeed: options.taskSpeed ?? 1,
    agentDelaySeconds: 0,
  });
  seedSimVms(sim, options.extraVms);
  const portal = await wirePortal(sim, options);
  return {
    ...portal,
    sim,
    async close() {
      await portal.close();
      await sim.close();
    },
  };
}

/**
 * The same portal against a simulator in a worker thread of its own (`sim-worker.ts`), so the portal's
 * figures leave out Proxmox's work, as they would against a real cluster on other machines.
 */
export async function benchPortalWithSimulatorThread(options: PortalOptions) {
  const worker = new Worker(
    // tsx's loader is per thread: the worker registers it before it imports the TypeScript.
    `import("tsx/esm/api").then(({ register }) => { register(); return import(${JSON.stringify(
      new URL("./sim-worker.ts", import.meta.url).href,
    )}); })`,
    { eval: true, workerData: { taskSpeed: options.taskSpeed ?? 1 } },
  );
  const ask = <T>(request?: "tasks" | "close") =>
    new Promise<T>((resolve, reject) => {
      const onError = (error: Error) => {
        worker.off("message", onAnswer);
        reject(error);
      };
      const onAnswer = (answer: T) => {
        worker.off("error", onError);
        resolve(answer);
      };
      worker.once("message", onAnswer);
      worker.once("error", onError);
      if (request) worker.postMessage(request);
    });
  const sim = await ask<SimulatorAddress>();
  const portal = await wirePortal(sim, options);
  return {
    ...portal,
    /** How many Proxmox tasks the simulator has run, and how many API requests it has answered. */
    simulatorCounts: () => ask<{ tasks: number; requests: number }>("tasks"),
    async close() {
      await portal.close();
      await ask("close");
      await worker.terminate();
    },
  };
}
