import { describe, expect, it } from "vitest";
import { LaneLimiter, laneFor } from "@/lib/proxmox/node-lanes";
import { Semaphore } from "@/lib/proxmox/semaphore";

function deferred() {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  return { promise, resolve, reject };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe("which lane a request waits in", () => {
  it("is the node in the path, and the API URL's host for cluster-wide paths", () => {
    const url = "https://pve1.example.org:8006";
    expect(laneFor("/nodes/pve2/qemu/100/status/current", url)).toBe("node pve2");
    expect(laneFor("/nodes/pve3", url)).toBe("node pve3");
    expect(laneFor("/nodes", url)).toBe("url pve1.example.org:8006");
    expect(laneFor("/cluster/resources", url)).toBe("url pve1.example.org:8006");
    expect(laneFor("/version", "https://10.0.0.2:8006")).toBe("url 10.0.0.2:8006");
  });
});

describe("the lane limiter", () => {
  it("lets `limit` requests run per lane, the lanes independently", async () => {
    const lanes = new LaneLimiter(2);
    const gate = deferred();
    const running = { a: 0, b: 0 };
    const most = { a: 0, b: 0 };
    const task = (lane: "a" | "b") =>
      lanes.run(lane, async () => {
        most[lane] = Math.max(most[lane], ++running[lane]);
        await gate.promise;
        running[lane]--;
      });
    const all = [
      ...Array.from({ length: 5 }, () => task("a")),
      ...Array.from({ length: 5 }, () => task("b")),
    ];
    await settle();
    expect(running).toEqual({ a: 2, b: 2 });
    gate.resolve();
    await Promise.all(all);
    expect(most).toEqual({ a: 2, b: 2 });
  });

  it("frees the slot of a request that failed or timed out, and passes the error on", async () => {
    const lanes = new LaneLimiter(1);
    await expect(
      lanes.run("node pve1", () => Promise.reject(new Error("Proxmox did not answer within 30 s"))),
    ).rejects.toThrow("did not answer");
    await expect(
      lanes.run("node pve1", () => {
        throw new Error("thrown before any promise");
      }),
    ).rejects.toThrow("thrown before");
    await expect(lanes.run("node pve1", async () => "next")).resolves.toBe("next");
  });

  it("serves the waiting requests first come, first served", async () => {
    const lanes = new LaneLimiter(1);
    const gate = deferred();
    const order: number[] = [];
    const first = lanes.run("node pve1", () => gate.promise);
    const rest = [1, 2, 3, 4].map((n) => lanes.run("node pve1", async () => void order.push(n)));
    gate.resolve();
    await Promise.all([first, ...rest]);
    expect(order).toEqual([1, 2, 3, 4]);
  });

  it("refuses a limit that would let nothing through", () => {
    expect(() => new LaneLimiter(0)).toThrow(RangeError);
    expect(() => new LaneLimiter(1.5)).toThrow(RangeError);
  });
});

describe("a semaphore handing its slot on", () => {
  it("lets no newcomer in between a task ending and the next waiter starting", async () => {
    const semaphore = new Semaphore(1);
    const gate = deferred();
    let running = 0;
    let most = 0;
    const task = async () => {
      most = Math.max(most, ++running);
      await settle();
      running--;
    };
    const holder = semaphore.run(() => gate.promise);
    const waiter = semaphore.run(task);
    // This newcomer arrives after the holder's slot is given back but before the waiter has resumed.
    const newcomer = gate.promise.then(() => semaphore.run(task));
    gate.resolve();
    await Promise.all([holder, waiter, newcomer]);
    expect(most).toBe(1);
  });

  it("halves a lane's limit when its node answers with trouble or slowly, and restores it after a quiet spell", () => {
    let now = 0;
    const lanes = new LaneLimiter(4, { slowAnswerMs: 1000, backOffMs: 30_000, now: () => now });
    lanes.run("node pve1", async () => {});
    lanes.run("node pve2", async () => {});
    lanes.observe("node pve1", { durationMs: 20, trouble: true });
    lanes.observe("node pve2", { durationMs: 999, trouble: false });
    expect(lanes.limits()).toEqual({ "node pve1": 2, "node pve2": 4 });
    lanes.observe("node pve1", { durationMs: 20, trouble: true });
    lanes.observe("node pve2", { durationMs: 1000, trouble: false });
    lanes.observe("node pve1", { durationMs: 20, trouble: true });
    expect(lanes.limits()).toEqual({ "node pve1": 1, "node pve2": 2 });
    now = 29_999;
    expect(lanes.limits()).toEqual({ "node pve1": 1, "node pve2": 2 });
    now = 30_000;
    expect(lanes.limits()).toEqual({ "node pve1": 4, "node pve2": 4 });
  });
});

describe("a semaphore whose limit changes", () => {
  it("lets running tasks finish when lowered, and starts waiting ones at once when raised", async () => {
    const semaphore = new Semaphore(3);
    const gates = Array.from({ length: 6 }, deferred);
    let running = 0;
    let most = 0;
    const tasks = gates.map((gate) =>
      semaphore.run(async () => {
        most = Math.max(most, ++running);
        await gate.promise;
        running--;
      }),
    );
    await settle();
    expect(running).toBe(3);
    semaphore.setLimit(1);
    gates[0]!.resolve();
    gates[1]!.resolve();
    await settle();
    // Two left and none came in: one still runs, which the limit of one allows.
    expect(running).toBe(1);
    // The one leaving hands its slot to the next in line.
    gates[2]!.resolve();
    await settle();
    expect(running).toBe(1);
    semaphore.setLimit(3);
    await settle();
    expect(running).toBe(3);
    for (const gate of gates) gate.resolve();
    await Promise.all(tasks);
    expect(most).toBe(3);
  });
});
