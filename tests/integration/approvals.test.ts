import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { approveRequestAction, denyRequestAction } from "@/app/(portal)/admin/requests/actions";
import {
  approveProjectRequestAction,
  askQuotaApprovalAction,
  askVmApprovalAction,
  cancelRequestAction,
  revealPasswordAction,
} from "@/app/(portal)/requests/actions";
import { createVmAction } from "@/app/(portal)/vms/actions";
import { getDb } from "@/db/client";
import { getApprovalRequest } from "@/db/queries/approvals";
import { listJobs } from "@/db/queries/jobs";
import { listMail } from "@/db/queries/mail";
import { insertMember, insertProject } from "@/db/queries/projects";
import { quotaColumnsFrom } from "@/db/queries/quotas";
import { insertWebhookEndpoint, listWebhookDeliveries } from "@/db/queries/webhooks";
import { type Template, vms } from "@/db/schema";
import type { ActionResult } from "@/lib/actions/action-result";
import { allJobs } from "@/lib/jobs/definitions";
import { createEmbeddedRunner } from "@/lib/jobs/embedded-runner";
import { getQuotaStatus } from "@/lib/quotas/effective-quota";
import { projectAccount, userAccount } from "@/lib/quotas/quota-account";
import { setSetting } from "@/lib/settings/settings";
import { approveDebianTemplate } from "../helpers/fixtures";
import { actAs, createUserWithSession, type TestUser } from "../helpers/session";
import { giveQuota, setUpClusterTestbed } from "../helpers/testbed";

const cluster = setUpClusterTestbed({ sim: { agentDelaySeconds: 0 } });
type Person = TestUser & { token: string };
let template: Template;
let bob: Person;
let ada: Person;
let eve: Person;
let mia: Person;

const noRoom = { vms: 0, cores: 0, memoryMb: 0, diskGb: 0, snapshots: 0 };

beforeAll(async () => {
  template = await approveDebianTemplate();
  bob = await createUserWithSession("bob", "member");
  mia = await createUserWithSession("mia", "member");
  ada = await createUserWithSession("ada", "admin");
  eve = await createUserWithSession("eve", "admin");
  await giveQuota(bob.id, noRoom);
});

const vmRequest = (name: string) => ({ templateId: template.id, name, cores: 1, memoryMb: 1024, diskGb: 8 });
const reason = "For the robotics course this term.";

function data<T>(result: ActionResult<T>): T {
  if (!result.ok) throw new Error(`${result.status}: ${result.error}`);
  return result.data;
}

async function bobAsksFor(name: string): Promise<string> {
  actAs(bob);
  const refused = await createVmAction(vmRequest(name));
  expect(refused).toMatchObject({ ok: false, status: 409 });
  return data(await askVmApprovalAction({ request: vmRequest(name), reason })).requestId;
}

async function bobsVms(name: string) {
  return getDb()
    .select()
    .from(vms)
    .where(and(eq(vms.ownerId, bob.id), eq(vms.name, name)));
}

async function onCluster(name: string) {
  return (await cluster.client.resources.get({ maxAgeMs: 0 })).filter(
    (item) => item.type === "qemu" && item.name === name,
  );
}

async function provisionJobsFor(vmId: string) {
  return (await listJobs({})).filter(
    (job) => job.functionId === "provision-vm" && JSON.stringify(job.payload).includes(vmId),
  );
}

describe("asking for a VM beyond the quota", () => {
  it("tells the admins, and a denial creates nothing and tells the requester why", async () => {
    const requestId = await bobAsksFor("denied-1");
    const toAdmins = (await listMail({ userId: ada.id })).filter((mail) => mail.kind === "approval-request");
    expect(toAdmins.map((mail) => mail.subject)).toContain(
      "bob asks for a VM denied-1 (1 core, 1 GiB memory, 8 GiB disk)",
    );
    expect(toAdmins[0]!.text).toContain(reason);

    actAs(ada);
    expect(await denyRequestAction({ requestId, comment: "" })).toMatchObject({ ok: false, status: 400 });
    data(await denyRequestAction({ requestId, comment: "Use the shared lab VM instead." }));
    await createEmbeddedRunner({ jobs: allJobs, pollIntervalMs: 50 }).runUntilIdle();

    expect(await bobsVms("denied-1")).toHaveLength(0);
    expect(await onCluster("denied-1")).toHaveLength(0);
    expect(await getApprovalRequest({ id: requestId })).toMatchObject({ state: "denied", vmId: null });
    const toBob = (await listMail({ userId: bob.id })).find((mail) => mail.kind === "approval-denied");
    expect(toBob?.text).toContain("Use the shared lab VM instead.");
    expect(await approveRequestAction({ requestId, comment: "" })).toMatchObject({ ok: false, status: 409 });
  });

  it("provisions exactly once when two admins approve at the same moment", async () => {
    const requestId = await bobAsksFor("approved-1");
    actAs(ada);
    const ok = await approveRequestAction({ requestId, comment: "Fine." });
    expect(ok.ok).toBe(true);
    // A second request, approved by two admins concurrently: one makes the VM, the other is told it is done.
    const raceId = await bobAsksFor("raced-1");
    const outcomes = await Promise.all(
      [ada, eve].map(async (approver) => {
        actAs(approver);
        return approveRequestAction({ requestId: raceId, comment: "Go." });
      }),
    );
    expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(1);
    expect(outcomes.filter((outcome) => !outcome.ok)).toEqual([expect.objectContaining({ status: 409 })]);

    const [raced] = await bobsVms("raced-1");
    expect(await bobsVms("raced-1")).toHaveLength(1);
    expect(await provisionJobsFor(raced!.id)).toHaveLength(1);
    await createEmbeddedRunner({ jobs: allJobs, pollIntervalMs: 50 }).runUntilIdle();
    expect(await onCluster("raced-1")).toHaveLength(1);
    expect(await onCluster("approved-1")).toHaveLength(1);
    expect((await bobsVms("raced-1"))[0]).toMatchObject({ state: "running" });
    expect(await getApprovalRequest({ id: raceId })).toMatchObject({ state: "approved", vmId: raced!.id });
    expect((await getQuotaStatus(userAccount(bob.id))).quota.vms).toBe(0);

    actAs(bob);
    const shown = data(await revealPasswordAction({ requestId: raceId }));
    expect(shown).toMatchObject({ vmId: raced!.id, user: template.defaultUser });
    expect(shown.password).toMatch(/^[A-Za-z0-9]{16}$/);
    expect(await revealPasswordAction({ requestId: raceId })).toMatchObject({ ok: false, status: 404 });
    actAs(mia);
    expect(await revealPasswordAction({ requestId })).toMatchObject({ ok: false, status: 404 });
    const approvedMail = (await listMail({ userId: bob.id })).find(
      (mail) => mail.kind === "approval-approved",
    );
    expect(approvedMail?.text).not.toContain(shown.password);
  });

  it("never lets the requester approve their own request, nor a member someone else's", async () => {
    actAs(ada);
    const own = data(await askVmApprovalAction({ request: vmRequest("adas-own"), reason })).requestId;
    expect(await approveRequestAction({ requestId: own, comment: "" })).toMatchObject({
      ok: false,
      status: 403,
    });
    const bobs = await bobAsksFor("not-for-mia");
    actAs(mia);
    expect(await approveProjectRequestAction({ requestId: bobs, comment: "" })).toMatchObject({
      ok: false,
      status: 404,
    });
    actAs(bob);
    expect(await approveProjectRequestAction({ requestId: bobs, comment: "" })).toMatchObject({
      ok: false,
      status: 403,
    });
    expect(await bobsVms("not-for-mia")).toHaveLength(0);
  });

  it("with a second approver required, waits for two distinct approvers", async () => {
    await setSetting("approvals.second", true, ada.id);
    try {
      const requestId = await bobAsksFor("twice-1");
      expect(await getApprovalRequest({ id: requestId })).toMatchObject({ approvalsRequired: 2 });
      actAs(ada);
      expect(data(await approveRequestAction({ requestId, comment: "One." }))).toMatchObject({
        decided: false,
      });
      expect(await approveRequestAction({ requestId, comment: "Again." })).toMatchObject({
        ok: false,
        status: 409,
      });
      expect(await bobsVms("twice-1")).toHaveLength(0);
      expect(await getApprovalRequest({ id: requestId })).toMatchObject({ state: "pending" });
      actAs(eve);
      expect(data(await approveRequestAction({ requestId, comment: "Two." }))).toMatchObject({
        decided: true,
      });
      expect(await bobsVms("twice-1")).toHaveLength(1);
    } finally {
      await setSetting("approvals.second", false, ada.id);
    }
  });

  it("can be cancelled by the requester while pending, and then not approved", async () => {
    const requestId = await bobAsksFor("cancelled-1");
    actAs(mia);
    expect(await cancelRequestAction({ requestId })).toMatchObject({ ok: false, status: 404 });
    actAs(bob);
    data(await cancelRequestAction({ requestId }));
    actAs(ada);
    expect(await approveRequestAction({ requestId, comment: "" })).toMatchObject({ ok: false, status: 409 });
    expect(await bobsVms("cancelled-1")).toHaveLength(0);
  });
});

describe("asking for a higher quota", () => {
  it("raises the person's quota when approved, and tells the webhooks", async () => {
    const endpoint = await insertWebhookEndpoint({
      url: "https://hooks.example.org/roost",
      eventTypes: ["request.approved"],
      secretSealed: "v1:unused:unused",
    });
    actAs(mia);
    const quota = {
      vms: 6,
      cores: 12,
      memoryMb: 24_576,
      diskGb: 300,
      snapshots: 10,
      backups: 10,
      backupGb: 100,
    };
    const { requestId } = data(await askQuotaApprovalAction({ quota, reason }));
    expect((await getQuotaStatus(userAccount(mia.id))).quota.vms).toBe(3);
    actAs(ada);
    data(await approveRequestAction({ requestId, comment: "For the term." }));
    expect(await getQuotaStatus(userAccount(mia.id))).toMatchObject({ source: "override", quota });
    expect((await listMail({ userId: mia.id })).map((mail) => mail.kind)).toContain("approval-approved");
    const deliveries = await listWebhookDeliveries({ endpointId: endpoint.id });
    expect(deliveries.map((delivery) => delivery.payload)).toEqual([
      expect.objectContaining({
        type: "request.approved",
        data: { request: { id: requestId, kind: "quota", requesterId: mia.id, projectId: null }, vm: null },
      }),
    ]);
  });
});

describe("asking beyond a project's quota", () => {
  it("is decided by the project's owners (not its operators), and the VM counts in the project", async () => {
    const full = { ...noRoom, backups: 0, backupGb: 0 };
    const project = await insertProject({ name: "Robotics", slug: "robotics", ...quotaColumnsFrom(full) });
    const olga = await createUserWithSession("olga", "member");
    for (const [person, role] of [
      [olga, "owner"],
      [bob, "operator"],
      [mia, "operator"],
    ] as const)
      await insertMember({ projectId: project.id, userId: person.id, role, source: "manual" });

    actAs(bob);
    const asked = { ...vmRequest("arm-sim"), projectId: project.id };
    expect(await createVmAction(asked)).toMatchObject({ ok: false, status: 409 });
    const { requestId } = data(await askVmApprovalAction({ request: asked, reason }));
    expect(await getApprovalRequest({ id: requestId })).toMatchObject({ projectId: project.id });
    expect((await listMail({ userId: olga.id })).map((mail) => mail.kind)).toContain("approval-request");

    actAs(mia);
    expect(await approveProjectRequestAction({ requestId, comment: "" })).toMatchObject({
      ok: false,
      status: 404,
    });
    actAs(olga);
    const approved = data(await approveProjectRequestAction({ requestId, comment: "For the demo." }));
    const [vm] = await bobsVms("arm-sim");
    expect(vm).toMatchObject({ id: approved.vmId, projectId: project.id });
    expect((await getQuotaStatus(projectAccount(project.id))).usage.vms).toBe(1);

    actAs(mia);
    const quota = { ...full, vms: 4, cores: 8, memoryMb: 8192, diskGb: 100 };
    const raise = data(await askQuotaApprovalAction({ quota, reason, projectId: project.id }));
    actAs(olga);
    data(await approveProjectRequestAction({ requestId: raise.requestId, comment: "" }));
    expect((await getQuotaStatus(projectAccount(project.id))).quota).toEqual(quota);
    expect((await getQuotaStatus(userAccount(mia.id))).quota.vms).toBe(6);
  });
});
