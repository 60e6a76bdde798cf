import { beforeAll, describe, expect, it, vi } from "vitest";
import { listSeats } from "@/db/queries/cohorts";
import { listJobs } from "@/db/queries/jobs";
import type { Template } from "@/db/schema";
import { allJobs } from "@/lib/jobs/definitions";
import { createEmbeddedRunner } from "@/lib/jobs/embedded-runner";
import { approveLinkedTemplate, classFootprint, createClassOf, createStudents } from "../helpers/cohorts";
import { createUserWithSession } from "../helpers/session";
import { setUpClusterTestbed } from "../helpers/testbed";
import { waitFor } from "../helpers/wait-for";

const cluster = setUpClusterTestbed({ sim: { agentDelaySeconds: 0 } });
let template: Template;
let teacher: { id: string; role: "admin"; label: string };

beforeAll(async () => {
  template = await approveLinkedTemplate();
  const user = await createUserWithSession("teacher", "admin");
  teacher = { id: user.id, role: "admin", label: "Teacher" };
});

const classOf = (name: string, slug: string, usernames: string[]) =>
  createClassOf(teacher, template, { name, slug, usernames });

/** Every VM of the class once on Proxmox and once in the portal, each its seat's, each with its baseline. */
async function expectOneVmPerSeat(cohortId: string, slug: string, count: number) {
  const seats = await listSeats({ cohortId });
  expect(seats.map(({ seat }) => [seat.state, seat.error])).toEqual(Array(count).fill(["ready", null]));
  const { onProxmox, records } = await classFootprint(cluster.sim.state.vms, slug, cohortId);
  const live = records.filter((vm) => vm.state !== "failed");
  expect(live).toHaveLength(count);
  expect(live.every((vm) => vm.state === "running" && vm.baselineSnapshot === "baseline")).toBe(true);
  expect(new Set(seats.map(({ seat }) => seat.vmId))).toEqual(new Set(live.map((vm) => vm.id)));
  // None twice, no orphans: Proxmox holds exactly the recorded VMs, each running with its baseline.
  expect(onProxmox.map((vm) => vm.vmid).sort()).toEqual(live.map((vm) => vm.vmid).sort());
  expect(new Set(onProxmox.map((vm) => vm.config.name)).size).toBe(count);
  expect(
    onProxmox.every((vm) => vm.status === "running" && vm.snapshots.some((s) => s.name === "baseline")),
  ).toBe(true);
}

describe("a class's batch", () => {
  it("makes all 30 VMs once, riding out Proxmox's storage lock timeouts on some clones", async () => {
    const students = await createStudents("s", 30);
    const { cohort, seats } = await classOf(
      "Networks",
      "net",
      students.map((student) => student.username),
    );
    expect(seats).toHaveLength(30);
    const tasksBefore = cluster.sim.state.tasks.length;
    // A slow thin pool: some allocations hold local-lvm's lock past the others' wait (500 ms here for 10 s).
    cluster.sim.setFaults({ slowStorage: [{ storage: "local-lvm", holdMs: 1500, rate: 0.25 }] });
    try {
      const runner = createEmbeddedRunner({ jobs: allJobs, pollIntervalMs: 50 });
      await runner.runUntilIdle();
    } finally {
      cluster.sim.setFaults({ slowStorage: [] });
    }
    const timedOut = cluster.sim.state.tasks
      .slice(tasksBefore)
      .filter(
        (task) =>
          task.type === "qmclone" && /pve-storage-local-lvm' - got timeout/.test(task.exitstatus ?? ""),
      );
    expect(timedOut.length).toBeGreaterThan(0);
    // The records and Proxmox's guests settle a moment after the job ends on a busy machine.
    await vi.waitFor(() => expectOneVmPerSeat(cohort.id, "net", 30), { timeout: 30_000, interval: 500 });
    const [job] = (await listJobs({})).filter((candidate) => candidate.functionId === "provision-cohort");
    expect(job).toMatchObject({ state: "succeeded", result: { ready: 30, failed: 0 } });
  }, 240_000);

  it("resumes where it stopped when the portal dies mid-batch", async () => {
    const students = await createStudents("r", 8);
    const { cohort } = await classOf(
      "Resumed",
      "res",
      students.map((student) => student.username),
    );
    const crashing = createEmbeddedRunner({ jobs: allJobs, pollIntervalMs: 50, workerId: "crashing" });
    await crashing.start();
    await waitFor(
      "a few seats to be made",
      async () =>
        (await listSeats({ cohortId: cohort.id })).filter(({ seat }) => seat.state === "ready").length >= 2,
      60_000,
    );
    await crashing.stop({ timeoutMs: 20 });
    const cutOff = await listSeats({ cohortId: cohort.id });
    expect(cutOff.filter(({ seat }) => seat.state === "ready").length).toBeLessThan(8);

    const successor = createEmbeddedRunner({ jobs: allJobs, pollIntervalMs: 50, recoverAllOnStart: true });
    await successor.start();
    try {
      await waitFor(
        "the batch to finish",
        async () =>
          (await listJobs({})).some(
            (job) =>
              job.functionId === "provision-cohort" &&
              job.state === "succeeded" &&
              (job.payload as { cohortId: string }).cohortId === cohort.id,
          ),
        120_000,
      );
    } finally {
      await successor.stop();
    }
    await vi.waitFor(() => expectOneVmPerSeat(cohort.id, "res", 8), { timeout: 30_000, interval: 500 });
  }, 240_000);
});
