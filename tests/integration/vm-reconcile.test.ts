import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { listAuditEvents } from "@/db/queries/audit";
import { getActiveAddressOfVm, insertAddress } from "@/db/queries/ip-addresses";
import { listVmEvents } from "@/db/queries/vm-events";
import { getVmById } from "@/db/queries/vms";
import type { Vm } from "@/db/schema";
import { systemActor } from "@/lib/audit/record-audit-event";
import { installProxmoxClient } from "@/lib/clusters/client-registry";
import { renderMessage } from "@/lib/i18n/message";
import { englishTranslator } from "@/lib/i18n/translator";
import { reconcileVmsJob } from "@/lib/jobs/definitions/reconcile-vms";
import { ProxmoxClient } from "@/lib/proxmox";
import {
  PORTAL_ROLE,
  portalPrivileges,
  pveMajor,
  TEMPLATE_ROLE,
  templatePrivileges,
} from "@/lib/proxmox/portal-access";
import { deleteOwnedVm } from "@/lib/vms/operate-vm";
import { describeHold, getReconcileHold } from "@/lib/vms/reconcile-hold";
import { reconcileVms } from "@/lib/vms/reconcile-vms";
import { createTestVm } from "../helpers/fixtures";
import { createTestPool } from "../helpers/ipam";
import type { TestCluster } from "../helpers/pve-sim";
import { cloneMemberVm } from "../helpers/pve-sim";
import { startRegisteredCluster } from "../helpers/registered-cluster";
import { createUserWithSession } from "../helpers/session";
import { setUpClusterTestbed } from "../helpers/testbed";

const cluster = setUpClusterTestbed();
let owner: { id: string };
const scenes: TestCluster[] = [];

beforeAll(async () => {
  owner = await createUserWithSession("rita", "member");
});
afterEach(async () => {
  await Promise.all(scenes.splice(0).map((scene) => scene.close()));
});

describe("reconciliation with the cluster", () => {
  it("follows VMs moved, removed, resized or stopped outside the portal, and writes each to the timeline", async () => {
    const client = cluster.client;
    for (const vmid of [201, 202]) {
      await cloneMemberVm(client, { newid: vmid, name: `vm-${vmid}` });
    }
    const moved = await createTestVm({
      clusterId: "sim",
      ownerId: owner.id,
      name: "moved",
      vmid: 201,
      node: "pve1",
      state: "stopped",
      cores: 1,
      memoryMb: 1024,
      diskGb: 3,
    });
    const removed = await createTestVm({
      clusterId: "sim",
      ownerId: owner.id,
      name: "removed",
      vmid: 202,
      node: "pve1",
      state: "stopped",
      cores: 1,
      memoryMb: 1024,
      diskGb: 3,
    });
    const stopped = await createTestVm({
      clusterId: "sim",
      ownerId: owner.id,
      name: "dns",
      vmid: 100,
      node: "pve2",
      state: "running",
      cores: 2,
      memoryMb: 2048,
      diskGb: 16,
    });

    cluster.sim.state.vms.find((vm) => vm.vmid === 201)!.node = "pve3";
    await client.qemu.updateConfig("pve3", 201, { cores: 4 });
    await client.tasks.wait(await client.qemu.destroy("pve1", 202), { initialDelayMs: 20 });
    await client.tasks.wait(await client.qemu.power("pve2", 100, "stop"), { initialDelayMs: 20 });

    const summary = await reconcileVms();
    expect(summary).toMatchObject({
      checked: 3,
      moved: 1,
      missing: 1,
      resized: 1,
      stateChanged: 1,
      unreachableClusters: [],
      held: [],
    });
    expect(await getVmById({ id: moved.id })).toMatchObject({ node: "pve3", cores: 4 });
    expect(await getVmById({ id: removed.id })).toMatchObject({ state: "missing" });
    expect(await getVmById({ id: stopped.id })).toMatchObject({ state: "stopped" });
    const english = (text: string) => renderMessage(text, englishTranslator());
    expect((await listVmEvents({ vmId: moved.id })).map((event) => english(event.message))).toEqual([
      expect.stringMatching(/^Size changed outside Roost: 4 cores/),
      "Moved from pve1 to pve3",
    ]);

    const again = await reconcileVms();
    expect(again).toMatchObject({ moved: 0, missing: 0, resized: 0, stateChanged: 0 });
  });

  it("changes nothing when the cluster does not answer", async () => {
    cluster.sim.setFaults({ errors: [{ path: "^/cluster/resources$", status: 503, rate: 1 }] });
    const summary = await reconcileVms();
    cluster.sim.setFaults({ errors: [] });
    expect(summary.unreachableClusters).toEqual(["sim"]);
    expect(summary.moved + summary.missing + summary.resized + summary.stateChanged).toBe(0);
  });
});

/**
 * A cluster of its own (so each scene's counts are its own) holding `count` portal VMs cloned with the
 * portal's token into a member pool, each recorded running with an address from the cluster's IP pool.
 */
async function portalScene(
  id: string,
  count: number,
  { vlan, node = "pve1" }: { vlan: number; node?: string },
) {
  const scene = await startRegisteredCluster({}, {}, id);
  scenes.push(scene);
  const { pool } = await createTestPool({
    clusterId: id,
    vlan,
    cidr: `10.${vlan}.0.0/24`,
    gateway: `10.${vlan}.0.1`,
    rangeStart: `10.${vlan}.0.10`,
    rangeEnd: `10.${vlan}.0.60`,
    domain: `${id}.example.org`,
  });
  const records: Vm[] = [];
  for (let index = 0; index < count; index++) {
    const vmid = 300 + index;
    const name = `${id}-${index}`;
    await cloneMemberVm(scene.client, { newid: vmid, name });
    // The templates live on pve1; a VM for another node is put there as a migration would.
    scene.sim.state.vms.find((candidate) => candidate.vmid === vmid)!.node = node;
    await scene.client.tasks.wait(await scene.client.qemu.power(node, vmid, "start"), { initialDelayMs: 20 });
    const vm = await createTestVm({
      clusterId: id,
      ownerId: owner.id,
      name,
      vmid,
      node,
      state: "running",
      cores: 1,
      memoryMb: 2048,
      diskGb: 3,
      pool: "roost-test",
    });
    await insertAddress({
      poolId: pool.id,
      address: `10.${vlan}.0.${10 + index}`,
      hostname: name,
      vmId: vm.id,
    });
    records.push(vm);
  }
  // The scene starts settled: its records match the cluster.
  await reconcileVms();
  return { scene, records };
}

async function statesOf(records: Vm[]) {
  return Promise.all(records.map(async (vm) => (await getVmById({ id: vm.id }))?.state));
}

async function activeAddresses(records: Vm[]) {
  const leases = await Promise.all(records.map((vm) => getActiveAddressOfVm({ vmId: vm.id })));
  return leases.filter(Boolean).length;
}

async function destroyAsAdmin(scene: TestCluster, node: string, vmid: number) {
  const { admin } = scene;
  await admin.tasks.wait(await admin.qemu.power(node, vmid, "stop"), { initialDelayMs: 20 });
  await admin.tasks.wait(await admin.qemu.destroy(node, vmid), { initialDelayMs: 20 });
}

describe("reconciliation never guesses a VM is gone", () => {
  it("marks nothing missing and frees no address when the token's pool grant is revoked, tells admins why, and resumes once it is back", async () => {
    const { scene, records } = await portalScene("revoked", 3, { vlan: 71 });
    const userid = scene.tokenId.split("!")[0]!;
    const grant = { path: "/pool", roles: [PORTAL_ROLE], users: [userid], tokens: [scene.tokenId] };
    await scene.admin.access.modifyAcl({ ...grant, delete: true });

    const summary = await reconcileVms();
    expect(summary.missing).toBe(0);
    expect(await statesOf(records)).toEqual(["running", "running", "running"]);
    expect(await activeAddresses(records)).toBe(3);
    const hold = await getReconcileHold("revoked");
    expect(hold).toMatchObject({ vms: 3, details: records.map((vm) => `${vm.name} (${vm.vmid})`) });
    expect(describeHold(hold!)).toMatch(
      /^Reconciliation held back: \/cluster\/resources leaves out 3 of the 3 portal VMs .*VM\.Audit.* 3 VMs kept as recorded/,
    );
    expect(summary.held).toEqual([expect.objectContaining({ clusterId: "revoked", vms: 3 })]);
    // The next run, as the scheduled job: Admin → Jobs shows its line, and the audit log has one entry.
    const progress: string[] = [];
    await reconcileVmsJob.handler({
      event: { name: "cron", data: {} },
      step: { run: async (_id, fn) => fn(), sleep: async () => {} },
      runId: "test",
      attempt: 1,
      log: { info() {}, warn() {}, error() {} },
      progress: async ({ message }) => {
        if (message) progress.push(message);
      },
    });
    expect(progress).toEqual([
      expect.stringMatching(/^revoked: Reconciliation held back: .*leaves out 3 of the 3/),
    ]);
    const audited = await listAuditEvents({ action: "reconcile.", targetId: "revoked" });
    expect(audited.map((event) => event.action)).toEqual(["reconcile.hold"]);

    await scene.admin.access.modifyAcl(grant);
    expect((await reconcileVms()).held).toEqual([]);
    expect(await getReconcileHold("revoked")).toBeNull();
    const after = await listAuditEvents({ action: "reconcile.", targetId: "revoked" });
    expect(after.map((event) => event.action).sort()).toEqual(["reconcile.hold", "reconcile.resume"]);
  });

  it("marks nothing missing when the token may audit no VM at all, as a token made by a guide that granted the user nothing", async () => {
    const { scene, records } = await portalScene("powerless", 1, { vlan: 72 });
    await scene.admin.access.createUser("nobody@pve");
    const token = await scene.admin.access.createToken("nobody@pve", "portal", { privsep: true });
    const powerless = new ProxmoxClient({
      id: "powerless",
      name: "powerless",
      apiUrls: [scene.sim.url],
      tokenId: token.fullTokenId,
      tokenSecret: token.secret,
      fingerprint: scene.sim.fingerprint,
    });
    installProxmoxClient("powerless", powerless);

    const summary = await reconcileVms();
    powerless.close();
    expect(summary.missing).toBe(0);
    expect(await statesOf(records)).toEqual(["running"]);
    expect(await activeAddresses(records)).toBe(1);
    expect((await getReconcileHold("powerless"))?.reason).toMatch(/lists no VM at all, not even a template/);
  });

  it("marks nothing missing when the token lacks exactly VM.Audit, even for a VM really removed meanwhile", async () => {
    const { scene, records } = await portalScene("no-audit", 3, { vlan: 73 });
    const without = (privileges: string[]) => privileges.filter((privilege) => privilege !== "VM.Audit");
    const major = pveMajor((await scene.admin.version()).release);
    await scene.admin.access.updateRole(PORTAL_ROLE, without(portalPrivileges(major)));
    await scene.admin.access.updateRole(TEMPLATE_ROLE, without(templatePrivileges));
    await destroyAsAdmin(scene, "pve1", records[0]!.vmid!);

    const summary = await reconcileVms();
    expect(summary.missing).toBe(0);
    expect(await statesOf(records)).toEqual(["running", "running", "running"]);
    expect(await activeAddresses(records)).toBe(3);
    expect(await getReconcileHold("no-audit")).toMatchObject({ vms: 3 });
  });

  it("holds a VM whose config Proxmox refuses (403) rather than call it gone, and says which", async () => {
    const { scene, records } = await portalScene("hidden", 4, { vlan: 74 });
    // An admin takes one VM out of the portal's pool: it still runs, the portal's token cannot see it.
    scene.sim.state.vms.find((vm) => vm.vmid === records[1]!.vmid)!.pool = undefined;

    const summary = await reconcileVms();
    expect(summary.missing).toBe(0);
    expect(await statesOf(records)).toEqual(["running", "running", "running", "running"]);
    expect(await activeAddresses(records)).toBe(4);
    const hold = await getReconcileHold("hidden");
    expect(hold).toMatchObject({
      vms: 1,
      details: [
        `hidden-1 (301): Proxmox refused its config on pve1 (403: Permission check failed (/vms/301, VM.Audit))`,
      ],
    });
  });

  it("does not mark a VM missing while its node is offline, and does once the node is back and it is gone", async () => {
    const { scene, records } = await portalScene("offline", 3, { vlan: 75, node: "pve3" });
    await destroyAsAdmin(scene, "pve3", records[2]!.vmid!);
    scene.sim.setFaults({ offlineNodes: ["pve3"] });

    const summary = await reconcileVms();
    expect(summary.missing).toBe(0);
    expect(await statesOf(records)).toEqual(["running", "running", "running"]);
    expect(await activeAddresses(records)).toBe(3);
    expect(await getReconcileHold("offline")).toMatchObject({
      vms: 1,
      details: ["offline-2 (302): its node pve3 is offline"],
    });

    scene.sim.setFaults({ offlineNodes: [] });
    await reconcileVms();
    expect(await statesOf(records)).toEqual(["running", "running", "missing"]);
    expect(await activeAddresses(records)).toBe(2);
    expect(await getReconcileHold("offline")).toBeNull();
  });

  it("marks exactly the VM really deleted outside the portal missing and frees exactly its address", async () => {
    const { scene, records } = await portalScene("deleted", 4, { vlan: 76 });
    await destroyAsAdmin(scene, "pve1", records[2]!.vmid!);

    const summary = await reconcileVms();
    expect(summary).toMatchObject({ missing: 1, held: [] });
    expect(await statesOf(records)).toEqual(["running", "running", "missing", "running"]);
    expect(await getActiveAddressOfVm({ vmId: records[2]!.id })).toBeNull();
    expect(await activeAddresses(records)).toBe(3);
    expect((await listVmEvents({ vmId: records[2]!.id })).map((event) => event.message)).toContain(
      "Not on the cluster any more: no node holds a VM with its id",
    );
  });

  it("holds when most VMs vanish at once, and lets an admin close the records of VMs really removed", async () => {
    const { scene, records } = await portalScene("emptied", 2, { vlan: 77 });
    const admin = await createUserWithSession("root", "admin");
    for (const vm of records) await destroyAsAdmin(scene, "pve1", vm.vmid!);

    expect((await reconcileVms()).missing).toBe(0);
    expect(await getReconcileHold("emptied")).toMatchObject({ vms: 2 });
    // The portal's token is refused a removed VM's config (it left the pool with it); the free id proves it gone.
    for (const vm of records)
      await deleteOwnedVm({ vmId: vm.id, person: admin, confirmName: vm.name, actor: systemActor });
    expect(await statesOf(records)).toEqual(["deleted", "deleted"]);
    expect(await activeAddresses(records)).toBe(0);
    await reconcileVms();
    expect(await getReconcileHold("emptied")).toBeNull();
  });
});
