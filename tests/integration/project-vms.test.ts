import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { insertMember } from "@/db/queries/projects";
import { type Project, type Template, vms } from "@/db/schema";
import { DAY } from "@/lib/leases/lease-dates";
import { renewOwnedLease } from "@/lib/leases/renew-lease";
import { archiveProject, createProject } from "@/lib/projects/manage-projects";
import { getQuotaStatus } from "@/lib/quotas/effective-quota";
import { projectAccount, userAccount } from "@/lib/quotas/quota-account";
import { getSetting, setSetting } from "@/lib/settings/settings";
import { provisionVm } from "@/lib/vms/provision-vm";
import { requestVm } from "@/lib/vms/request-vm";
import { transferVm } from "@/lib/vms/transfer-vm";
import { callApiJson, createTestApiToken } from "../helpers/api";
import { approveDebianTemplate } from "../helpers/fixtures";
import { createUserWithSession, type TestUser } from "../helpers/session";
import { giveQuota, setUpClusterTestbed } from "../helpers/testbed";

const cluster = setUpClusterTestbed({ sim: { agentDelaySeconds: 0.2 } });
const admin = { id: "", role: "admin" as const };
const actor = { id: null, label: "test" };
let template: Template;
let project: Project;
const members: TestUser[] = [];

const ownerOf = (user: TestUser) => ({ id: user.id, label: user.username, username: user.username });
const room = { vms: 3, cores: 100, memoryMb: 100_000, diskGb: 1000, snapshots: 10 };
const ask = (name: string, projectId?: string) => ({
  templateId: template.id,
  name,
  cores: 1,
  memoryMb: 1024,
  diskGb: 10,
  projectId,
});

beforeAll(async () => {
  template = await approveDebianTemplate();
  const made = await createUserWithSession("pj-admin", "admin");
  admin.id = made.id;
  project = await createProject(admin, { name: "Robotics lab", quota: room }, actor);
  for (const [index, role] of (["owner", "operator", "operator", "operator"] as const).entries()) {
    const user = await createUserWithSession(`pj-member-${index}`, "member");
    await giveQuota(user.id, { vms: 5, cores: 10, memoryMb: 10_240, diskGb: 100, snapshots: 5 });
    await insertMember({ projectId: project.id, userId: user.id, role, source: "manual" });
    members.push(user);
  }
});

describe("a project's quota", () => {
  it("lets exactly as many of 20 concurrent creates from several members through as it has room for", async () => {
    const personalBefore = await Promise.all(members.map((m) => getQuotaStatus(userAccount(m.id))));
    const attempts = Array.from({ length: 20 }, (_, index) =>
      requestVm(ownerOf(members[index % members.length]!), ask(`race-${index}`, project.id)),
    );
    const results = await Promise.allSettled(attempts);
    const made = results.filter((result) => result.status === "fulfilled");
    expect(made).toHaveLength(3);
    for (const result of results.filter((r) => r.status === "rejected"))
      expect(String((result as PromiseRejectedResult).reason)).toMatch(
        /This needs 1 VM, but the project has 0 VMs left of 3 VMs\./,
      );
    const rows = await getDb().select().from(vms).where(eq(vms.projectId, project.id));
    expect(rows).toHaveLength(3);
    expect((await getQuotaStatus(projectAccount(project.id))).usage).toMatchObject({ vms: 3, cores: 3 });
    // The members' own quotas are untouched by what they made for the project.
    const personalAfter = await Promise.all(members.map((m) => getQuotaStatus(userAccount(m.id))));
    expect(personalAfter.map((status) => status.usage)).toEqual(personalBefore.map((status) => status.usage));
    expect(personalAfter.every((status) => status.usage.vms === 0)).toBe(true);
  });

  it("leaves a member's personal quota to their own VMs, and names unique per project and per person", async () => {
    const [, operator] = members;
    const mine = await requestVm(ownerOf(operator!), ask("race-0"));
    expect(mine.vm.projectId).toBeNull();
    expect((await getQuotaStatus(userAccount(operator!.id))).usage.vms).toBe(1);
    expect((await getQuotaStatus(projectAccount(project.id))).usage.vms).toBe(3);
    await expect(requestVm(ownerOf(operator!), ask("race-0"))).rejects.toThrow(
      "You already have a VM called race-0.",
    );
  });

  it("refuses viewers, strangers and archived projects with a reason", async () => {
    const viewer = await createUserWithSession("pj-viewer", "member");
    await insertMember({ projectId: project.id, userId: viewer.id, role: "viewer", source: "manual" });
    await expect(requestVm(ownerOf(viewer), ask("peek", project.id))).rejects.toMatchObject({
      kind: "forbidden",
      message: "Viewers of Robotics lab cannot create VMs in it; ask one of its owners.",
    });
    const stranger = await createUserWithSession("pj-stranger", "member");
    await expect(requestVm(ownerOf(stranger), ask("peek", project.id))).rejects.toMatchObject({
      kind: "not-found",
    });
    await archiveProject(admin, project.id, actor);
    await expect(requestVm(ownerOf(members[0]!), ask("late", project.id))).rejects.toThrow(
      "Robotics lab is archived; it takes no new VMs.",
    );
    await archiveProject(admin, project.id, actor, false);
  });
});

describe("asking through the API", () => {
  it("takes a projectId on POST /vms, with a 4xx that says why for those who may not", async () => {
    const viewer = await createUserWithSession("pj-api-viewer", "member");
    await insertMember({ projectId: project.id, userId: viewer.id, role: "viewer", source: "manual" });
    const token = (await createTestApiToken(viewer.id, ["manage"])).token;
    const refused = await callApiJson<{ detail: string }>(token, "POST", "/vms", {
      body: ask("api-peek", project.id),
    });
    expect(refused).toMatchObject({
      status: 403,
      body: { detail: "Viewers of Robotics lab cannot create VMs in it; ask one of its owners." },
    });
    const operatorToken = (await createTestApiToken(members[1]!.id, ["manage"])).token;
    const full = await callApiJson<{ detail: string }>(operatorToken, "POST", "/vms", {
      body: ask("api-more", project.id),
    });
    expect(full).toMatchObject({
      status: 409,
      body: { detail: expect.stringContaining("the project has 0 VMs left") },
    });
    const stranger = (
      await createTestApiToken((await createUserWithSession("pj-api-x", "member")).id, ["manage"])
    ).token;
    expect((await callApiJson(stranger, "POST", "/vms", { body: ask("api-x", project.id) })).status).toBe(
      404,
    );
  });
});

describe("a project's VMs on Proxmox", () => {
  it("land in the project's own pool, with the project's lease length", async () => {
    await setSetting(
      "lease.policy",
      { ...(await getSetting("lease.policy")), lengthDays: 30, maxDays: 60 },
      null,
    );
    const lab = await createProject(
      admin,
      { name: "Pool lab", quota: room, leaseLengthDays: 7, leaseMaxDays: 14 },
      actor,
    );
    const [owner] = members;
    await insertMember({ projectId: lab.id, userId: owner!.id, role: "owner", source: "manual" });
    const started = Date.now();
    const requested = await requestVm(ownerOf(owner!), ask("pooled", lab.id));
    expect(requested.vm.leaseExpiresAt!.getTime() - started).toBeLessThan(7 * DAY + 60_000);
    expect(requested.vm.leaseExpiresAt!.getTime() - started).toBeGreaterThan(7 * DAY - 60_000);
    const vm = await provisionVm(
      cluster.client,
      { ...requested, sshKeys: [], owner: ownerOf(owner!) },
      { addressWaitMs: 2000, pollMs: 50 },
    );
    expect(vm).toMatchObject({ state: "running", pool: "roostp-pool-lab" });
    expect((await cluster.client.pool("roostp-pool-lab"))?.members?.map((m) => m.vmid)).toEqual([vm.vmid]);
    await expect(cluster.client.pool(`roost-${owner!.username}`)).rejects.toThrow(/does not exist/);

    // A renewal reaches the project's ceiling, not the portal's.
    const renewed = await renewOwnedLease(vm.id, { id: owner!.id, role: "member" }, actor);
    expect(renewed.getTime() - Date.now()).toBeLessThan(7 * DAY + 60_000);
    await expect(
      createProject(admin, { name: "Too long", quota: room, leaseLengthDays: 31 }, actor),
    ).rejects.toThrow("The portal's leases last 30 days; a project's cannot be longer.");
  });
});

describe("transferring a VM between a person and a project", () => {
  it("moves it to the receiving account's quota, and refuses what the receiver has no room for", async () => {
    const [owner, , operator, other] = members;
    const mine = await requestVm(ownerOf(owner!), ask("move-me"));
    const full = await getQuotaStatus(projectAccount(project.id));
    expect(full.usage.vms).toBe(3);
    await expect(transferVm(mine.vm.id, projectAccount(project.id), actor)).rejects.toThrow(
      /the project has 0 VMs left of 3 VMs/,
    );

    const [projectVm] = await getDb().select().from(vms).where(eq(vms.projectId, project.id)).limit(1);
    await requestVm(ownerOf(other!), ask(projectVm!.name));
    await expect(transferVm(projectVm!.id, userAccount(other!.id), actor)).rejects.toThrow(
      `${other!.username} already has a VM called ${projectVm!.name}.`,
    );
    const before = (await getQuotaStatus(userAccount(operator!.id))).usage.vms;
    expect(await transferVm(projectVm!.id, userAccount(operator!.id), actor)).toEqual({
      from: projectAccount(project.id),
      to: userAccount(operator!.id),
    });
    expect((await getQuotaStatus(userAccount(operator!.id))).usage.vms).toBe(before + 1);
    expect((await getQuotaStatus(projectAccount(project.id))).usage.vms).toBe(2);

    await transferVm(mine.vm.id, projectAccount(project.id), actor);
    const [moved] = await getDb().select().from(vms).where(eq(vms.id, mine.vm.id));
    expect(moved).toMatchObject({ projectId: project.id, ownerId: owner!.id });
    expect((await getQuotaStatus(userAccount(owner!.id))).usage.vms).toBe(0);
    await expect(transferVm(mine.vm.id, projectAccount(project.id), actor)).rejects.toThrow(
      "The VM is that project's already.",
    );
  });
});
