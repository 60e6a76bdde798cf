import { beforeAll, describe, expect, it } from "vitest";
import { retryVmAction } from "@/app/(portal)/vms/actions";
import { listJobs } from "@/db/queries/jobs";
import { listEnabledTemplates } from "@/db/queries/templates";
import { getVmById } from "@/db/queries/vms";
import { allJobs } from "@/lib/jobs/definitions";
import { createEmbeddedRunner } from "@/lib/jobs/embedded-runner";
import { requestVm } from "@/lib/vms/request-vm";
import { startProvisioning } from "@/lib/vms/start-provisioning";
import { approveDebianTemplate } from "../helpers/fixtures";
import { actAs, createUserWithSession } from "../helpers/session";
import { setUpClusterTestbed } from "../helpers/testbed";

const cluster = setUpClusterTestbed({ sim: { agentDelaySeconds: 0 } });

beforeAll(async () => {
  await approveDebianTemplate();
});

describe("provisioning as a durable job", () => {
  it("runs through the job runner, storing only the password's hash in the job", async () => {
    const user = await createUserWithSession("jo", "member");
    const [template] = await listEnabledTemplates();
    const owner = { id: user.id, label: "Jo", username: "jo" };
    const requested = await requestVm(owner, {
      templateId: template!.id,
      name: "durable",
      cores: 1,
      memoryMb: 1024,
      diskGb: 8,
    });
    await startProvisioning(requested, owner);
    await startProvisioning(requested, owner);

    const queued = (await listJobs({})).filter((job) => job.functionId === "provision-vm");
    expect(queued).toHaveLength(1);
    expect(JSON.stringify(queued[0]!.payload)).not.toContain(requested.password);

    const runner = createEmbeddedRunner({ jobs: allJobs, pollIntervalMs: 50 });
    await runner.runUntilIdle();
    expect(await getVmById({ id: requested.vm.id })).toMatchObject({
      state: "running",
      ipAddress: expect.stringMatching(/^10\.42\./),
    });
    const [job] = (await listJobs({})).filter((candidate) => candidate.functionId === "provision-vm");
    expect(job).toMatchObject({ state: "succeeded" });
  });

  it("offers the owner a retry after a failure, which makes the same VM again", async () => {
    const user = await createUserWithSession("rex", "member");
    const [template] = await listEnabledTemplates();
    const owner = { id: user.id, label: "Rex", username: "rex" };
    const requested = await requestVm(owner, {
      templateId: template!.id,
      name: "flaky",
      cores: 1,
      memoryMb: 1024,
      diskGb: 8,
    });
    await startProvisioning(requested, owner);
    cluster.sim.setFaults({ failTasks: [{ type: "qmclone", message: "clone failed: storage busy" }] });
    const runner = createEmbeddedRunner({ jobs: allJobs, pollIntervalMs: 50 });
    await runner.runUntilIdle();
    cluster.sim.setFaults({ failTasks: [] });
    expect(await getVmById({ id: requested.vm.id })).toMatchObject({
      state: "failed",
      stateDetail: expect.stringMatching(/storage busy/),
    });

    const other = await createUserWithSession("nosy", "member");
    actAs(other);
    expect(await retryVmAction({ vmId: requested.vm.id })).toMatchObject({ ok: false, status: 404 });
    actAs(user);
    const retried = await retryVmAction({ vmId: requested.vm.id });
    expect(retried.ok).toBe(true);
    await runner.runUntilIdle();
    const again = await getVmById({ id: (retried as { data: { vmId: string } }).data.vmId });
    expect(again).toMatchObject({ name: "flaky", state: "running" });
  });
});
