import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestCluster, type TestCluster } from "../helpers/pve-sim";
import { simRequest } from "../helpers/sim-request";

/** The RRD shapes pve-cluster's PVE::RRD::create_rrd_data gives: [step in seconds, rows]. */
const shapes = {
  // master (9.x), `$setup` for the pve-vm-9.0 and pve-node-9.0 files
  "9.1": {
    hour: [60, 60],
    day: [60, 1440],
    week: [1800, 336],
    month: [1800, 1440],
    year: [21_600, 1440],
    decade: [604_800, 570],
  },
  // stable-bookworm (8.4), the pve2-* files
  "8.4": { hour: [60, 70], day: [1800, 70], week: [10_800, 70], month: [43_200, 70], year: [604_800, 70] },
} as const;

const now = Date.UTC(2026, 4, 12, 10, 17, 31);

type Row = { time: number; cpu?: number; memhost?: number; pressurecpusome?: number; memavailable?: number };

describe.each(["9.1", "8.4"] as const)("RRD history on simulated PVE %s", (release) => {
  let cluster: TestCluster;
  beforeAll(async () => {
    cluster = await startTestCluster({ pveVersion: release, now: () => now });
  });
  afterAll(() => cluster.close());

  it.each(Object.entries(shapes[release]))(
    "a VM's and a node's %s are the rows and steps RRD.pm keeps, ending at the last full step",
    async (timeframe, [step, rows]) => {
      // qemu-server's `rrddata` has no decade; pve-manager's node `rrddata` has it on 9.x.
      const paths = [
        "/nodes/pve2/rrddata",
        ...(timeframe === "decade" ? [] : ["/nodes/pve2/qemu/100/rrddata"]),
      ];
      for (const path of paths) {
        const answer = await simRequest<Row[]>(cluster.sim, "GET", path, { timeframe });
        expect(answer.status).toBe(200);
        const times = answer.data.map((row) => row.time);
        expect(times).toHaveLength(rows);
        expect(times.slice(1).every((time, index) => time - times[index]! === step)).toBe(true);
        const current = step * Math.floor(now / 1000 / step);
        expect(times.at(-1)).toBe(current - step);
      }
    },
  );

  it("any node answers for a VM's history, as pmxcfs gives every node every guest's RRD; an unknown VM is refused", async () => {
    const home = await simRequest<Row[]>(cluster.sim, "GET", "/nodes/pve2/qemu/100/rrddata", {
      timeframe: "hour",
    });
    const elsewhere = await simRequest<Row[]>(cluster.sim, "GET", "/nodes/pve1/qemu/100/rrddata", {
      timeframe: "hour",
    });
    expect(elsewhere.status).toBe(200);
    expect(elsewhere.data.map((row) => row.time)).toEqual(home.data.map((row) => row.time));
    const unknown = await simRequest(cluster.sim, "GET", "/nodes/pve1/qemu/4242/rrddata", {
      timeframe: "hour",
    });
    expect(unknown.status).not.toBe(200);
  });

  it("the portal's client reads the same week", async () => {
    const [step, rows] = shapes[release].week;
    const points = await cluster.client.qemu.rrd("pve2", 100, "week");
    expect(points).toHaveLength(rows);
    expect(points[1]!.time - points[0]!.time).toBe(step);
  });

  it("only the 9.0 files carry memhost, pressure and memavailable fields (pmxcfs status.c)", async () => {
    const vm = await simRequest<Row[]>(cluster.sim, "GET", "/nodes/pve2/qemu/100/rrddata", {
      timeframe: "hour",
    });
    const node = await simRequest<Row[]>(cluster.sim, "GET", "/nodes/pve2/rrddata", { timeframe: "hour" });
    const modern = release === "9.1";
    expect(vm.data.at(-1)!.cpu).toBeGreaterThan(0);
    expect(vm.data.at(-1)!.memhost !== undefined).toBe(modern);
    expect(vm.data.at(-1)!.pressurecpusome !== undefined).toBe(modern);
    expect(node.data.at(-1)!.memavailable !== undefined).toBe(modern);
  });
});

describe("the decade timeframe", () => {
  it("exists on PVE 9 and is refused by PVE 8.4's enumeration", async () => {
    const old = await startTestCluster({ pveVersion: "8.4" });
    try {
      const answer = await simRequest(old.sim, "GET", "/nodes/pve1/rrddata", { timeframe: "decade" });
      expect(answer.status).toBe(400);
      expect(answer.errors?.timeframe).toMatch(/enumeration 'hour, day, week, month, year'/);
    } finally {
      await old.close();
    }
  });
});
