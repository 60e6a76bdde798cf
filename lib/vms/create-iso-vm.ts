import "server-only";
import type { Vm } from "@/db/schema";
import type { ProxmoxClient } from "@/lib/proxmox";
import type { Params } from "@/lib/proxmox/wire";
import {
  configIfExists,
  isEarlierVmOfThisProvision,
  lostVmidRace,
  ProvisionFailure,
  recordFreeVmid,
} from "./provisioning-steps";

const ID_ATTEMPTS = 5;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Creates the VM with `params` under the recorded id, or under another when that one was taken first
 * (PVE's nextid reserves nothing): the VM holding it is left alone. Returns the VM's id.
 */
export async function createIsoVm(
  client: ProxmoxClient,
  input: { vm: Vm; node: string; vmid: number; poolid: string; params: Params; onMade(vmid: number): void },
): Promise<number> {
  const { vm, node } = input;
  let vmid = input.vmid;
  for (let attempt = 1; ; attempt++) {
    const existing = await configIfExists(client, node, vmid);
    const expected = { vmid, name: vm.name, pool: input.poolid, found: existing?.name };
    if (existing && (await isEarlierVmOfThisProvision(client, expected))) {
      // Made by this provision before a restart: its create task may still hold the lock.
      input.onMade(vmid);
      while ((await client.qemu.config(node, vmid)).lock === "create") await sleep(500);
      return vmid;
    }
    if (!existing && (await createOnce(client, input, vmid))) return vmid;
    if (attempt >= ID_ATTEMPTS)
      throw new ProvisionFailure("Other VMs kept taking the VM id given to this one; try again.");
    vmid = await recordFreeVmid(client, vm);
  }
}

async function createOnce(
  client: ProxmoxClient,
  input: { node: string; params: Params; onMade(vmid: number): void },
  vmid: number,
): Promise<boolean> {
  let upid: string;
  try {
    upid = await client.qemu.create(input.node, vmid, input.params);
  } catch (error) {
    // qemu-server's create_vm refuses an id whose config exists: "VM N already exists on node …".
    if (lostVmidRace(error)) return false;
    throw error;
  }
  // A failed create task removes what it made (qemu-server API2/Qemu.pm create_vm), so only success is ours.
  await client.tasks.wait(upid);
  input.onMade(vmid);
  return true;
}
