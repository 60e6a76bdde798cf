import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { listMail } from "@/db/queries/mail";
import { getVmById } from "@/db/queries/vms";
import { vms } from "@/db/schema";
import { sweepLeases } from "@/lib/leases/lease-sweep";
import { vmUsageHistory } from "@/lib/proxmox/rrd-history";
import { setSetting } from "@/lib/settings/settings";
import type { Exchange } from "@/pve-sim/server";
import { createTestVm } from "../helpers/fixtures";
import { cloneMemberVm } from "../helpers/pve-sim";
import { createUserWithSession, type TestUser } from "../helpers/session";
import { setUpClusterTestbed } from "../helpers/testbed";

const DAY = 24 * 60 * 60 * 1000;

/** Idle marks and charts read the history each release keeps (pve-cluster RRD.pm, 9.x and 8.4). */
describe.each([
  ["9.1", { 7: "week", 8: "month" }],
  ["8.4", { 7: "week", 8: "week" }],
] as const)("on simulated PVE %s", (release, timeframes) => {
  let owner: TestUser;
  let offset = 0;
  let nextVmid = 600;
  const rrdCalls: string[] = [];
  const cluster = setUpClusterTestbed({
    sim: {
      pveVersion: release,
      now: () => Date.now() + offset,
      onExchange: (exchange: Exchange) => {
        if (exchange.path.endsWith("/rrddata")) rrdCalls.push(exchange.params.timeframe!);
      },
    },
  });

  beforeAll(async () => {
    owner = await createUserWithSession(`idle-${release}`, "member");
  });
  afterEach(async () => {
    await getDb().update(vms).set({ state: "deleted", deletedAt: new Date() });
    offset = 0;
    rrdCalls.length = 0;
  });

  async function idleVm(name: string, base: Date) {
    const vmid = nextVmid++;
    const client = cluster.client;
    await cloneMemberVm(client, { newid: vmid, name });
    await client.qemu.updateConfig("pve1", vmid, { tags: "sim-idle" });
    await client.tasks.wait(await client.qemu.power("pve1", vmid, "start"), { initialDelayMs: 20 });
    return createTestVm({
      clusterId: "sim",
      ownerId: owner.id,
      name,
      vmid,
      node: "pve1",
      state: "running",
      createdAt: base,
      leaseExpiresAt: new Date(base.getTime() + 20 * DAY),
    });
  }

  it.each([7, 8] as const)(
    "a VM idle for %i days is marked idle, read from the timeframe that keeps them",
    async (days) => {
      await setSetting("lease.idle", { cpuPercent: 5, days }, null);
      const base = new Date();
      const vm = await idleVm(`sleepy-${days}`, base);
      offset = 10 * DAY;
      await sweepLeases({ now: new Date(Date.now() + offset) });
      expect(rrdCalls).toEqual([timeframes[days]]);
      const stored = await getVmById({ id: vm.id });
      expect(stored?.idleSince).toBeInstanceOf(Date);
      expect(stored!.idleSince!.getTime()).toBeLessThanOrEqual(Date.now() + offset - days * DAY);
      const reminder = (await listMail({ userId: owner.id })).find((mail) => mail.text.includes(vm.name));
      expect(reminder?.text).toMatch(/idle for \d+ days/);
    },
  );

  it("the week chart covers the last seven days, however far back the release's week reaches", async () => {
    const vm = await idleVm("charted", new Date());
    const points = await vmUsageHistory(cluster.client, "pve1", vm.vmid!, "week");
    const span = (points.at(-1)!.time - points[0]!.time) * 1000;
    expect(span).toBeLessThanOrEqual(7 * DAY);
    expect(span).toBeGreaterThan(6.5 * DAY);
    expect(points[1]!.time - points[0]!.time).toBe(release === "9.1" ? 1800 : 10_800);
  });
});
