import "server-only";
import { updateVm } from "@/db/queries/vm-state";
import type { Template, Vm } from "@/db/schema";
import type { AuditActor } from "@/lib/audit/record-audit-event";
import {
  encodeSshKeys,
  type ProxmoxClient,
  ProxmoxError,
  parsePropertyString,
  parseSizeGb,
} from "@/lib/proxmox";
import { chooseNode } from "./placement";
import {
  allocateVmid,
  ensurePool,
  ProvisionFailure,
  plainReason,
  poolFor,
  removeHalfMadeVm,
  waitForAddress,
} from "./provisioning-steps";
import { sha512Crypt } from "./sha512-crypt";
import { recordVmEvent } from "./vm-timeline";

export interface ProvisionInput {
  vm: Vm;
  template: Template;
  password: string;
  sshKeys: string[];
  owner: AuditActor & { username: string };
}

export interface ProvisionOptions {
  /** How long to wait for the guest agent to report an address; the VM is usable without one. */
  addressWaitMs?: number;
  pollMs?: number;
}

/**
 * Makes the VM a member requested: place, clone into the owner's pool, cloud-init, grow the disk,
 * start, wait for an address. On failure the half-made VM is destroyed and the record marked failed,
 * which releases its quota.
 */
export async function provisionVm(
  client: ProxmoxClient,
  input: ProvisionInput,
  options: ProvisionOptions = {},
): Promise<Vm> {
  const { vm, template, owner } = input;
  const step = (stateDetail: string, progress: number | null = null) =>
    updateVm({ id: vm.id, stateDetail, progress });
  let placed: { node: string; vmid: number } | null = null;
  try {
    await step("Choosing a server");
    const resources = await client.resources.get({ maxAgeMs: 0 });
    const placement = chooseNode(resources, {
      templateNode: template.node,
      memoryMb: vm.memoryMb,
      sharedStorage: false,
    });
    if ("error" in placement) throw new ProvisionFailure(placement.error);
    const poolid = poolFor(owner.username);
    await ensurePool(client, poolid, `VMs of ${owner.label}, managed by Roost`);
    const vmid = await allocateVmid(client);

    await step("Copying the template", 0);
    const clone = await client.qemu.clone(template.node, template.vmid, {
      newid: vmid,
      name: vm.name,
      full: template.cloneMode === "full",
      pool: poolid,
      target: placement.node === template.node ? undefined : placement.node,
    });
    placed = { node: placement.node, vmid };
    await updateVm({ id: vm.id, vmid, node: placement.node });
    await client.tasks.wait(clone, {
      onProgress: (progress) => {
        if (progress.percent !== null) void step("Copying the template", Math.round(progress.percent));
      },
    });

    await step("Setting up your user and keys");
    await client.qemu.updateConfig(placement.node, vmid, {
      ciuser: template.defaultUser,
      // Only the SHA-512 crypt hash leaves the portal; cloud-init sets the password from it.
      cipassword: sha512Crypt(input.password),
      ...(input.sshKeys.length ? { sshkeys: encodeSshKeys(input.sshKeys) } : {}),
      ipconfig0: "ip=dhcp",
      cores: vm.cores,
      memory: String(vm.memoryMb),
      tags: "roost",
      description: `Managed by Roost for ${owner.label}`,
    });

    const config = await client.qemu.config(placement.node, vmid);
    const diskKey = ["scsi0", "virtio0", "sata0"].find((key) => config[key]) ?? "scsi0";
    const currentGb = parseSizeGb(parsePropertyString(config[diskKey] ?? "", "file").size) ?? 0;
    if (vm.diskGb > currentGb) {
      await step("Growing the disk");
      const resize = await client.qemu.resize(placement.node, vmid, diskKey, `${vm.diskGb}G`);
      if (resize) await client.tasks.wait(resize);
    }

    await step("Starting");
    await client.tasks.wait(await client.qemu.power(placement.node, vmid, "start"));

    await step("Waiting for its address");
    const address = await waitForAddress(client, placement.node, vmid, options);
    const running = await updateVm({
      id: vm.id,
      state: "running",
      stateDetail: null,
      progress: null,
      ipAddress: address,
    });
    await recordVmEvent({
      vmId: vm.id,
      kind: "started",
      message: address ? `Running at ${address}` : "Running (no address reported yet)",
      actor: owner,
      detail: { node: placement.node, vmid },
    });
    return running!;
  } catch (error) {
    const reason = plainReason(error);
    // Once the half-made VM is gone its id may be reused; if it could not be removed, the record keeps
    // the id so that reconciliation finds it.
    const removed = placed
      ? await removeHalfMadeVm(client, placed).then(
          () => true,
          () => false,
        )
      : true;
    await recordVmEvent({
      vmId: vm.id,
      kind: "failed",
      message: reason,
      actor: owner,
      detail: placed ? { ...placed, removed } : undefined,
    });
    return (await updateVm({
      id: vm.id,
      state: "failed",
      stateDetail: reason,
      progress: null,
      ...(removed ? { vmid: null } : {}),
    }))!;
  }
}

/**
 * At start, a VM still "provisioning" was interrupted by a restart: its password is gone with the old
 * process, so it cannot be finished. Remove what was made and release the quota.
 */
export async function abandonProvisioning(client: ProxmoxClient, vm: Vm, actor: AuditActor): Promise<void> {
  const removed =
    vm.node && vm.vmid !== null
      ? await removeHalfMadeVm(client, { node: vm.node, vmid: vm.vmid }).then(
          () => true,
          () => false,
        )
      : true;
  const reason =
    "The portal restarted while this VM was being made; what was made was removed. Please create it again.";
  await recordVmEvent({ vmId: vm.id, kind: "failed", message: reason, actor });
  await updateVm({
    id: vm.id,
    state: "failed",
    stateDetail: reason,
    progress: null,
    ...(removed ? { vmid: null } : {}),
  });
}
