import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { openDatabase } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { clusters, sessions, users, vms } from "@/db/schema";
import { sealTokenSecret } from "@/lib/clusters/stored-cluster";
import { parseConfig } from "@/lib/config";
import type { RunningSimulator } from "@/pve-sim";

export interface Member {
  id: string;
  username: string;
  /** The value of the `authjs.session-token` cookie: a database session, as Auth.js makes at sign-in. */
  sessionToken: string;
  vmIds: string[];
}

export interface SeededDatabase {
  url: string;
  members: Member[];
  drop(): Promise<void>;
}

const BATCH = 1000;

async function insertInBatches<T>(rows: T[], insert: (batch: T[]) => Promise<unknown>): Promise<void> {
  for (let start = 0; start < rows.length; start += BATCH) await insert(rows.slice(start, start + BATCH));
}

/**
 * A fresh PostgreSQL database (dropped by `drop`) with the clusters registered as an admin adds them (token
 * secrets sealed with `secretKey`), `memberCount` members each signed in once, and `totalVms` VMs dealt
 * round-robin to the members: VM i is the simulator's VM 1000 + ⌊i / n⌋ on cluster i % n, the same VM
 * `seedSimVms` put there.
 */
export async function seedDatabase(options: {
  serverUrl: string;
  name: string;
  sims: RunningSimulator[];
  memberCount: number;
  totalVms: number;
  secretKey: string;
}): Promise<SeededDatabase> {
  const admin = postgres(options.serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${options.name} with (force)`);
  await admin.unsafe(`create database ${options.name}`);
  const url = new URL(options.serverUrl);
  url.pathname = `/${options.name}`;
  const handle = openDatabase({ url: url.toString() });
  try {
    await migrateDatabase(handle);
    const { db } = handle;
    const config = parseConfig({ ROOST_SECRET_KEY: options.secretKey });
    await db.insert(clusters).values(
      options.sims.map((sim, c) => ({
        id: `lab-${c + 1}`,
        name: `Lab ${c + 1}`,
        apiUrls: [sim.url],
        tokenId: sim.tokenId,
        tokenSecretEncrypted: sealTokenSecret(config, `lab-${c + 1}`, sim.tokenSecret),
        fingerprint: sim.fingerprint,
      })),
    );
    const people = Array.from({ length: options.memberCount }, (_, i) => ({
      name: `Member ${i}`,
      username: `member${i}`,
      email: `member${i}@bench.invalid`,
      role: "member" as const,
    }));
    const ids: string[] = [];
    await insertInBatches(people, async (batch) => {
      const rows = await db.insert(users).values(batch).returning({ id: users.id });
      ids.push(...rows.map((row) => row.id));
    });
    const tokens = ids.map(() => randomBytes(32).toString("hex"));
    const expires = new Date(Date.now() + 8 * 3_600_000);
    await insertInBatches(
      ids.map((userId, i) => ({ sessionToken: tokens[i]!, userId, expires })),
      (batch) => db.insert(sessions).values(batch),
    );
    const n = options.sims.length;
    const leaseEnd = new Date(Date.now() + 20 * 86_400_000);
    const vmRows = Array.from({ length: options.totalVms }, (_, i) => {
      const local = Math.floor(i / n);
      return {
        clusterId: `lab-${(i % n) + 1}`,
        vmid: 1000 + local,
        node: `pve${(local % 3) + 1}`,
        ownerId: ids[i % ids.length]!,
        name: `vm-${i}`,
        state: "running" as const,
        cores: 2,
        memoryMb: 2048,
        diskGb: 20,
        leaseExpiresAt: leaseEnd,
      };
    });
    const vmIdsByOwner = new Map<string, string[]>();
    await insertInBatches(vmRows, async (batch) => {
      const rows = await db.insert(vms).values(batch).returning({ id: vms.id, ownerId: vms.ownerId });
      for (const row of rows)
        vmIdsByOwner.set(row.ownerId, [...(vmIdsByOwner.get(row.ownerId) ?? []), row.id]);
    });
    const members = ids.map((id, i) => ({
      id,
      username: `member${i}`,
      sessionToken: tokens[i]!,
      vmIds: vmIdsByOwner.get(id) ?? [],
    }));
    await handle.close();
    return {
      url: url.toString(),
      members,
      async drop() {
        await admin.unsafe(`drop database if exists ${options.name} with (force)`);
        await admin.end();
      },
    };
  } catch (error) {
    await handle.close();
    await admin.unsafe(`drop database if exists ${options.name} with (force)`);
    await admin.end();
    throw error;
  }
}
