import "server-only";
import { getNetworkById } from "@/db/queries/networks";
import { updateVm } from "@/db/queries/vms";
import type { Template, Vm } from "@/db/schema";
import type { AuditActor } from "@/lib/audit/record-audit-event";
import { message } from "@/lib/i18n/message";
import { cloudInitNetwork } from "@/lib/ipam/cloud-init-network";
import { getVmAddressing } from "@/lib/ipam/vm-addressing";
import { reportVmProgress } from "@/lib/live/portal-changes";
import {
  encodeSshKeys,
  formatPropertyString,
  macAddressOf,
  type ProxmoxClient,
  parsePropertyString,
  parseSizeGb,
} from "@/lib/proxmox";
import { emitVmCreated } from "@/lib/webhooks/vm-webhooks";
import { cloneTemplate } from "./clone-template";
import { failProvisioning } from "./fail-provisioning";
import { cipasswordFor, type GuestPassword } from "./guest-password";
import { placeVm } from "./place-vm";
import {
  type ProvisionOptions,
  plainReason,
  runDirectly,
  type StepRunner,
  startOnce,
  waitForAddress,
} from "./provisioning-steps";
import { recordVmEvent } from "./vm-timeline";

export type ProvisionInput = {
  vm: Vm;
  template: Template;
  sshKeys: string[];
  owner: AuditActor & { username: string };
} & GuestPassword;

/**
 * Makes the VM a member requested: place, clone into the owner's pool, cloud-init, grow the disk,
 * start, wait for an address. On failure the half-made VM is destroyed and the record marked failed,
 * which releases its quota.
 */
export async function provisionVm(
  client: ProxmoxClient,
  input: ProvisionInput,
  options: ProvisionOptions = {},
  run: StepRunner = runDirectly,
): Promise<Vm> {
  const { vm, template, owner } = input;
  const report = async (stateDetail: string, progress: number | null = null) => {
    await reportVmProgress(vm.id, { stateDetail, progress });
  };
  // Only what this provision made: a VM that got the same id first is never touched.
  let placed: { node: string; vmid: number } | null = null;
  try {
    const place = await run("place", async () => {
      await report(message("progress.choosingServer"));
      return placeVm(client, vm, owner, { templateNode: template.node, sharedStorage: false });
    });
    const { node } = place;

    const vmid = await run("clone", async () => {
      await report(message("progress.copyingTemplate"), 0);
      return cloneTemplate(client, {
        vm,
        template,
        pool: place.pool,
        node,
        vmid: vm.vmid ?? place.vmid,
        stallMs: options.cloneStallMs ?? 10 * 60_000,
        lockRetry: options.lockRetry,
        onProgress: (progress) => {
          if (progress.percent !== null)
            void report(message("progress.copyingTemplate"), Math.round(progress.percent));
        },
        onMade: (made) => {
          placed = { node, vmid: made };
        },
      });
    });
    placed = { node, vmid };

    await run("configure", async () => {
      await report(message("progress.settingUpUser"));
      const network = vm.networkId ? await getNetworkById({ id: vm.networkId }) : null;
      const addressing = await getVmAddressing(vm.id);
      const cloned = await client.qemu.config(node, vmid);
      await client.qemu.updateConfig(node, vmid, {
        ...(network
          ? {
              net0: formatPropertyString("virtio", {
                bridge: network.bridge,
                tag: network.vlan ?? undefined,
              }),
            }
          : {}),
        ciuser: template.defaultUser,
        cipassword: cipasswordFor(vm.id, input, cloned.ostype),
        ...(input.sshKeys.length ? { sshkeys: encodeSshKeys(input.sshKeys) } : {}),
        ...cloudInitNetwork(addressing),
        cores: vm.cores,
        memory: String(vm.memoryMb),
        description: `Managed by Roost for ${owner.label}`,
      });
      // Proxmox gives a clone a new MAC, and a NIC set without one another; DHCP reservations need it.
      const macAddress = macAddressOf((network ? await client.qemu.config(node, vmid) : cloned).net0);
      await updateVm({ id: vm.id, macAddress });
      return true;
    });

    await run("grow-disk", async () => {
      const config = await client.qemu.config(node, vmid);
      const diskKey = ["scsi0", "virtio0", "sata0"].find((key) => config[key]) ?? "scsi0";
      const currentGb = parseSizeGb(parsePropertyString(config[diskKey] ?? "", "file").size) ?? 0;
      if (vm.diskGb > currentGb) {
        await report(message("progress.growingDisk"));
        const resize = await client.qemu.resize(node, vmid, diskKey, `${vm.diskGb}G`);
        if (resize) await client.tasks.wait(resize);
      }
      return true;
    });

    await run("start", async () => {
      await report(message("progress.starting"));
      await startOnce(client, node, vmid);
      return true;
    });

    const address = await run("address", async () => {
      await report(message("progress.waitingForAddress"));
      return waitForAddress(client, node, vmid, options);
    });
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
      detail: { node, vmid },
    });
    await emitVmCreated(running!);
    return running!;
  } catch (error) {
    return failProvisioning(client, vm, { reason: plainReason(error), made: placed, actor: owner });
  }
}
