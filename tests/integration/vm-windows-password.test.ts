import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createVmAction } from "@/app/(portal)/vms/actions";
import { getDb } from "@/db/client";
import { listJobs } from "@/db/queries/jobs";
import { insertTemplates, listEnabledTemplates } from "@/db/queries/templates";
import { getVmById } from "@/db/queries/vms";
import { type Template, vms } from "@/db/schema";
import { allJobs } from "@/lib/jobs/definitions";
import { createEmbeddedRunner } from "@/lib/jobs/embedded-runner";
import { watchLogLines } from "@/lib/log";
import type { Exchange } from "@/pve-sim/server";
import { actAs, createUserWithSession } from "../helpers/session";
import { simStateOverHttp } from "../helpers/sim-request";
import { setUpClusterTestbed } from "../helpers/testbed";

vi.hoisted(() => {
  process.env.ROOST_SECRET_KEY = "integration-test-key-of-at-least-32-characters";
});

const exchanges: Exchange[] = [];
const cluster = setUpClusterTestbed({
  sim: {
    agentDelaySeconds: 0,
    onExchange: (seen) => exchanges.push(seen),
  },
});
const logLines: string[] = [];
let stopWatching: () => void;
let templates: Record<string, Template>;

beforeAll(async () => {
  stopWatching = watchLogLines((line) => logLines.push(line));
  const row = (vmid: number, label: string, os: string, defaultUser: string, minDiskGb: number) => ({
    clusterId: "sim",
    node: "pve1",
    vmid,
    label,
    os,
    defaultUser,
    minDiskGb,
  });
  await insertTemplates([
    row(9000, "Debian 13", "Linux", "debian", 3),
    row(9001, "Ubuntu listed as Windows", "Windows", "ubuntu", 4),
    row(9002, "Windows Server 2025", "Windows", "Administrator", 40),
  ]);
  templates = Object.fromEntries((await listEnabledTemplates()).map((template) => [template.vmid, template]));
});
afterAll(async () => {
  stopWatching();
});

/** The simulator's Windows template is a sysprepped image without cloud-init; an admin may add the drive. */
async function windowsTemplateHasCloudinitDrive(present: boolean) {
  await cluster.admin.qemu.updateConfig(
    "pve1",
    9002,
    present ? { ide2: "local-lvm:cloudinit" } : { delete: "ide2" },
  );
}

async function create(member: string, vmid: number, name: string) {
  const user = await createUserWithSession(member, "member");
  actAs(user);
  const template = templates[vmid]!;
  return createVmAction({
    templateId: template.id,
    name,
    cores: 2,
    memoryMb: 4096,
    diskGb: Math.max(8, template.minDiskGb),
  });
}

async function provision(vmId: string) {
  await createEmbeddedRunner({ jobs: allJobs, pollIntervalMs: 50 }).runUntilIdle();
  const vm = await getVmById({ id: vmId });
  expect(vm).toMatchObject({ state: "running" });
  const sent = exchanges.filter(
    (seen) =>
      seen.method === "PUT" && seen.path === `/nodes/pve1/qemu/${vm!.vmid}/config` && seen.params.cipassword,
  );
  const guest = (await simStateOverHttp(cluster.sim)).vms.find((candidate) => candidate.vmid === vm!.vmid)!;
  return { vm: vm!, sentCipassword: sent.map((seen) => seen.params.cipassword), guest };
}

async function jobPayload(vmId: string) {
  const job = (await listJobs({})).find(
    (candidate) => candidate.functionId === "provision-vm" && candidate.payload.vmId === vmId,
  );
  return JSON.stringify(job!.payload);
}

describe("the one-time password of a VM from a Linux template", () => {
  it("reaches Proxmox only as a $6$ hash, which the guest's cloud-init gets as it is", async () => {
    const created = await create("lin", 9000, "linux-box");
    if (!created.ok) throw new Error(created.error);
    const { password, vmId } = created.data;
    expect(await jobPayload(vmId)).toMatch(/"passwordHash":"\$6\$/);
    const { sentCipassword, guest } = await provision(vmId);
    expect(sentCipassword).toHaveLength(1);
    expect(sentCipassword[0]).toMatch(/^\$6\$/);
    expect(sentCipassword[0]).not.toContain(password);
    expect(guest.config.cipassword).toBe(sentCipassword[0]);
    expect(guest.cloudinit?.files["/user-data"]).toContain(`password: ${sentCipassword[0]}\n`);
    expect(await jobPayload(vmId)).not.toContain(password);
    expect(logLines.join("\n")).not.toContain(password);
  });
});

describe("the one-time password of a VM from a Windows template", () => {
  it("reaches Proxmox plain, so cloudbase-init sets exactly the password the member was shown", async () => {
    await windowsTemplateHasCloudinitDrive(true);
    const created = await create("win", 9002, "windows-box");
    if (!created.ok) throw new Error(created.error);
    const { password, vmId, user } = created.data;
    expect(user).toBe("Administrator");
    const payload = await jobPayload(vmId);
    expect(payload).toMatch(/"sealedPassword":"v1:/);
    expect(payload).not.toContain(password);
    expect(payload).not.toContain("$6$");

    const { sentCipassword, guest } = await provision(vmId);
    expect(sentCipassword).toEqual([password]);
    expect(guest.config.cipassword).toBe(password);
    expect(guest.cloudinit?.format).toBe("configdrive2");
    expect(JSON.parse(guest.cloudinit!.files["/openstack/latest/meta_data.json"]!).admin_pass).toBe(password);
    expect(await jobPayload(vmId)).not.toContain(password);
    expect(logLines.join("\n")).not.toContain(password);
  });

  it("is refused with the reason when the template has no cloud-init drive, before anything is made", async () => {
    await windowsTemplateHasCloudinitDrive(false);
    const before = cluster.sim.state.vms.length;
    const created = await create("nodrive", 9002, "no-drive");
    expect(created).toMatchObject({ ok: false, status: 400 });
    if (created.ok) return;
    expect(created.error).toBe(
      "Windows Server 2025 cannot take a password from Roost: its template has no cloud-init drive, through which cloudbase-init would set the Administrator password, so the VM would start with a password nobody knows. Ask an admin to add a CloudInit drive to template 9002 (with cloudbase-init installed in the image).",
    );
    expect(cluster.sim.state.vms).toHaveLength(before);
    expect(await getDb().select().from(vms).where(eq(vms.name, "no-drive"))).toEqual([]);
  });

  it("is refused when the catalog says Windows but Proxmox's OS type would make it hash the password", async () => {
    const created = await create("mislabel", 9001, "mislabelled");
    expect(created).toMatchObject({ ok: false, status: 400 });
    if (created.ok) return;
    expect(created.error).toContain('Proxmox has template 9001 with OS type "l26"');
  });
});
