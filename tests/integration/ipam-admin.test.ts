import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deletePoolAction, savePoolAction } from "@/app/(portal)/admin/ip-pools/actions";
import { getDb } from "@/db/client";
import { listAuditEvents } from "@/db/queries/audit";
import { insertAddress } from "@/db/queries/ip-addresses";
import { getPool } from "@/db/queries/ip-pools";
import { insertNetworks, listEnabledNetworks } from "@/db/queries/networks";
import type { Network } from "@/db/schema";
import { ipAddresses } from "@/db/schema";
import { listPoolsWithUsage } from "@/lib/ipam/pool-usage";
import { createTestDatabase, type TestDatabase } from "../helpers/database";
import { createTestCluster, createTestVm } from "../helpers/fixtures";
import { actAs, createUserWithSession } from "../helpers/session";

let database: TestDatabase;
let admin: Awaited<ReturnType<typeof createUserWithSession>>;
let lab: Network;
let dmz: Network;

beforeAll(async () => {
  database = await createTestDatabase();
  await createTestCluster();
  admin = await createUserWithSession("ada", "admin");
  await insertNetworks([
    { clusterId: "test-cluster", bridge: "vmbr1", vlan: 20, label: "Lab" },
    { clusterId: "test-cluster", bridge: "vmbr1", vlan: 30, label: "DMZ" },
  ]);
  const networks = await listEnabledNetworks();
  lab = networks.find((network) => network.label === "Lab")!;
  dmz = networks.find((network) => network.label === "DMZ")!;
  actAs(admin);
});
afterAll(() => database.drop());

const definition = (networkId: string, change: Record<string, unknown> = {}) => ({
  networkId,
  cidr: "10.20.0.0/24",
  gateway: "10.20.0.1",
  rangeStart: "10.20.0.10",
  rangeEnd: "10.20.0.19",
  dnsServers: ["10.20.0.2"],
  domain: "lab.example.org",
  ...change,
});

describe("an admin managing IP pools", () => {
  let poolId: string;

  it("adds a pool to a network, and the audit log says so", async () => {
    const result = await savePoolAction({ pool: definition(lab.id) });
    expect(result).toMatchObject({ ok: true, data: { id: expect.any(String) } });
    poolId = (result as { data: { id: string } }).data.id;
    expect(await getPool({ id: poolId })).toMatchObject({ cidr: "10.20.0.0/24", domain: "lab.example.org" });
    const [event] = await listAuditEvents({ action: "ipam.pool.save", targetId: poolId });
    expect(event).toMatchObject({ actorLabel: "ada", result: "success" });
  });

  it("is told what is wrong with a pool that cannot be", async () => {
    expect(await savePoolAction({ pool: definition(lab.id, { rangeEnd: "10.21.0.5" }) })).toMatchObject({
      ok: false,
      status: 400,
      error: "Please check the highlighted fields.",
    });
    expect(
      await savePoolAction({
        pool: definition(lab.id, {
          domain: "other.example.org",
          cidr: "10.30.0.0/24",
          gateway: "",
          rangeStart: "10.30.0.10",
          rangeEnd: "10.30.0.20",
        }),
      }),
    ).toEqual({
      ok: false,
      status: 409,
      error: "Lab already has a pool.",
    });
    expect(await savePoolAction({ pool: definition(dmz.id) })).toEqual({
      ok: false,
      status: 409,
      error: "Another pool already uses the domain lab.example.org.",
    });
    expect(
      await savePoolAction({
        pool: definition(dmz.id, {
          cidr: "10.20.0.128/25",
          gateway: "10.20.0.129",
          rangeStart: "10.20.0.130",
          rangeEnd: "10.20.0.140",
          domain: "dmz.example.org",
        }),
      }),
    ).toEqual({ ok: false, status: 409, error: "10.20.0.128/25 overlaps 10.20.0.0/24 of Lab." });
  });

  it("sees how full each pool is, counting addresses resting after release apart", async () => {
    const owner = await createUserWithSession("mia", "member");
    for (const [index, address] of ["10.20.0.10", "10.20.0.11", "10.20.0.12"].entries()) {
      const vm = await createTestVm({ clusterId: "test-cluster", ownerId: owner.id, name: `vm-${index}` });
      await insertAddress({ poolId, address, hostname: `vm-${index}`, vmId: vm.id });
    }
    await getDb()
      .update(ipAddresses)
      .set({ releasedAt: new Date() })
      .where(eq(ipAddresses.address, "10.20.0.12"));
    const [pool] = await listPoolsWithUsage();
    expect(pool?.usage).toEqual({ used: 2, resting: 1, total: 10 });
  });

  it("cannot shrink the range past an address in use, but can change the rest", async () => {
    expect(
      await savePoolAction({ id: poolId, pool: definition(lab.id, { rangeStart: "10.20.0.11" }) }),
    ).toEqual({
      ok: false,
      status: 409,
      error: "VMs use 10.20.0.10, outside the new range; widen it or delete those VMs first.",
    });
    expect(
      await savePoolAction({
        id: poolId,
        pool: definition(lab.id, { rangeEnd: "10.20.0.50", dnsServers: ["10.20.0.2", "10.20.0.3"] }),
      }),
    ).toMatchObject({ ok: true });
    expect((await getPool({ id: poolId }))?.dnsServers).toEqual(["10.20.0.2", "10.20.0.3"]);
  });

  it("cannot remove a pool while VMs have addresses from it", async () => {
    expect(await deletePoolAction({ id: poolId })).toEqual({
      ok: false,
      status: 409,
      error: "2 VMs have addresses from this pool; delete them first.",
    });
    await getDb().update(ipAddresses).set({ releasedAt: new Date() });
    expect(await deletePoolAction({ id: poolId })).toEqual({ ok: true, data: { id: poolId } });
    expect(await getPool({ id: poolId })).toBeNull();
    expect(await deletePoolAction({ id: poolId })).toEqual({
      ok: false,
      status: 404,
      error: "That pool does not exist.",
    });
  });
});
