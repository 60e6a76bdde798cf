import { InngestTestEngine } from "@inngest/test";
import { beforeAll, describe, expect, it } from "vitest";
import { insertIsos, listEnabledIsos } from "@/db/queries/isos";
import { listJobs } from "@/db/queries/jobs";
import { getVmById } from "@/db/queries/vms";
import type { Iso } from "@/db/schema";
import { functions } from "@/inngest";
import { allJobs } from "@/lib/jobs/definitions";
import { createEmbeddedRunner } from "@/lib/jobs/embedded-runner";
import { requestIsoVm } from "@/lib/vms/provision-iso-vm";
import { startIsoProvisioning } from "@/lib/vms/start-provisioning";
import { createUserWithSession } from "../helpers/session";
import { setUpClusterTestbed } from "../helpers/testbed";
import { waitFor } from "../helpers/wait-for";

const cluster = setUpClusterTestbed();
let iso: Iso;

beforeAll(async () => {
  await insertIsos([
    { clusterId: "sim", volid: "local:iso/debian-13.1.0-amd64-netinst.iso", label: "Debian 13 installer" },
  ]);
  iso = (await listEnabledIsos())[0]!;
});

const hardware = { diskBus: "scsi" as const, nicModel: "virtio" as const, uefi: false };

async function requestIso(username: string, name: string) {
  const user = await createUserWithSession(username, "member");
  const owner = { id: user.id, label: username, username };
  return requestIsoVm(owner, { isoId: iso.id, name, cores: 1, memoryMb: 1024, diskGb: 8, ...hardware });
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
    await waitFor("the VM to exist", async () =>
      (await cluster.client.resources.get({ maxAgeMs: 0 })).some((item) => item.name === "installer"),
    );
    await waitFor("the start to be asked for", async () =>
      cluster.sim.state.tasks.some((task) => task.type === "qmstart" && task.status === "running"),
    );
    await crashing.stop({ timeoutMs: 20 });
    cluster.sim.setFaults({ hangTasks: [] });
    expect(await getVmById({ id: requested.vm.id })).toMatchObject({ state: "provisioning" });

    const successor = createEmbeddedRunner({ jobs: allJobs, recoverAllOnStart: true, pollIntervalMs: 20 });
    await successor.start();
    await waitFor(
      "the VM to run",
      async () => (await getVmById({ id: requested.vm.id }))?.state === "running",
    );
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
