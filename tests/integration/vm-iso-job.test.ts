import { InngestTestEngine } from "@inngest/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertIsos, listEnabledIsos } from "@/db/queries/isos";
import { listJobs } from "@/db/queries/jobs";
import { getVmById } from "@/db/queries/vms";
import type { Iso } from "@/db/schema";
import { functions } from "@/inngest";
import { allJobs } from "@/lib/jobs/definitions";
import { createEmbeddedRunner } from "@/lib/jobs/embedded-runner";
import { requestIsoVm } from "@/lib/vms/provision-iso-vm";
import { startIsoProvisioning } from "@/lib/vms/start-provisioning";
import { createTestDatabase, type TestDatabase } from "../helpers/database";
import type { TestCluster } from "../helpers/pve-sim";
import { startRegisteredCluster } from "../helpers/registered-cluster";
import { createUserWithSession } from "../helpers/session";

let database: TestDatabase;
let cluster: TestCluster;
let iso: Iso;

beforeAll(async () => {
  database = await createTestDatabase();
  cluster = await startRegisteredCluster();
  await insertIsos([
    { clusterId: "sim", volid: "local:iso/debian-13.1.0-amd64-netinst.iso", label: "Debian 13 installer" },
  ]);
  iso = (await listEnabledIsos())[0]!;
});
afterAll(async () => {
  await cluster.close();
  await database.drop();
});

const hardware = { diskBus: "scsi" as const, nicModel: "virtio" as const, uefi: false };

async function requestIso(username: string, name: string) {
  const user = await createUserWithSession(username, "member");
  const owner = { id: user.id, label: username, username };
  return requestIsoVm(owner, { isoId: iso.id, name, cores: 1, memoryMb: 1024, diskGb: 8, ...hardware });
}

async function until(what: string, probe: () => Promise<boolean>) {
  const deadline = Date.now() + 10_000;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("making a VM from an ISO as a durable job", () => {
  it("survives a restart mid-provision: the next runner resumes it without making a second VM", async () => {
    const requested = await requestIso("iris", "installer");
    await startIsoProvisioning(requested);
    await startIsoProvisioning(requested);
    const queued = (await listJobs({})).filter((job) => job.functionId === "provision-iso-vm");
    expect(queued).toHaveLength(1);

    // The VM gets made, then its start hangs: the portal stops with the job half done.
    cluster.sim.setFaults({ hangTasks: ["qmstart"] });
    const crashing = createEmbeddedRunner({ jobs: allJobs, workerId: "crashing", pollIntervalMs: 20 });
    await crashing.start();
    await until("the VM to exist", async () =>
      (await cluster.client.resources.get({ maxAgeMs: 0 })).some((item) => item.name === "installer"),
    );
    await until("the start to be asked for", async () =>
      cluster.sim.state.tasks.some((task) => task.type === "qmstart" && task.status === "running"),
    );
    await crashing.stop({ timeoutMs: 20 });
    cluster.sim.setFaults({ hangTasks: [] });
    expect(await getVmById({ id: requested.vm.id })).toMatchObject({ state: "provisioning" });

    const successor = createEmbeddedRunner({ jobs: allJobs, recoverAllOnStart: true, pollIntervalMs: 20 });
    await successor.start();
    await until("the VM to run", async () => (await getVmById({ id: requested.vm.id }))?.state === "running");
    await successor.stop();
    const made = (await cluster.client.resources.get({ maxAgeMs: 0 })).filter(
      (item) => item.name === "installer",
    );
    expect(made).toHaveLength(1);
    expect(made[0]).toMatchObject({
      status: "running",
      vmid: (await getVmById({ id: requested.vm.id }))!.vmid,
    });
  });

  it("runs as an Inngest function, each step memoized", async () => {
    const requested = await requestIso("ines", "from-inngest");
    const t = new InngestTestEngine({
      function: functions.find((fn) => fn.opts.id === "provision-iso-vm")!,
      events: [{ name: "app/vm.iso-provision-requested", data: { vmId: requested.vm.id, hardware } }],
    });
    const { result, error, ctx } = await t.execute();
    expect(error).toBeUndefined();
    expect(result).toEqual({ state: "running" });
    for (const id of ["place", "create", "record-mac", "start"])
      expect(ctx.step.run).toHaveBeenCalledWith(id, expect.any(Function));
  });
});
