import "server-only";
import { updateVm } from "@/db/queries/vms";
import { publishVmChange } from "@/lib/live/portal-changes";
import type { ProxmoxClient } from "@/lib/proxmox";

/** A VM record's place on the cluster; `node` follows the VM when it turns out to have moved. */
export interface PlacedVm {
  id: string;
  node: string;
  vmid: number;
  name: string;
}

/**
 * Proxmox's answers for a VM whose config is not on the node addressed: AbstractConfig load_config
 * ("Configuration file 'nodes/X/qemu-server/N.conf' does not exist") and QemuConfig
 * assert_config_exists_on_node ("unable to find configuration file for VM N on node 'X'"), both an
 * HTTP 500, or a task's exit status when a worker hit them.
 */
export const saysNotOnThisNode = (error: unknown) =>
  /Configuration file 'nodes\/[^/]+\/qemu-server\/\d+\.conf' does not exist|unable to find configuration file for VM \d+ on node/.test(
    `${(error as { reason?: string } | null)?.reason ?? ""} ${(error as { message?: string } | null)?.message ?? ""}`,
  );

/**
 * The node the cluster lists the VM on right now, past the resource cache; undefined when no VM with its
 * id and name is listed. The name guards against a new VM that took the id of one deleted outside the portal.
 */
async function listedNode(client: ProxmoxClient, vm: PlacedVm): Promise<string | undefined> {
  const resources = await client.resources.get({ maxAgeMs: 0 });
  return resources.find(
    (item) =>
      item.type === "qemu" && item.vmid === vm.vmid && item.name?.toLowerCase() === vm.name.toLowerCase(),
  )?.node;
}

/**
 * Runs `act` on the VM's recorded node and, when that node says it holds no such VM (PVE's rebalancer
 * and HA move VMs without the portal), once more on the node the cluster lists it on, recording the
 * move. Asking first would cost a /cluster/resources read on every action; this costs nothing while
 * the record is right. A VM no node lists keeps Proxmox's own answer, so "gone" stays "gone".
 */
export async function onCurrentNode<T>(
  client: ProxmoxClient,
  vm: PlacedVm,
  act: (node: string) => Promise<T>,
): Promise<T> {
  try {
    return await act(vm.node);
  } catch (error) {
    if (!saysNotOnThisNode(error)) throw error;
    const node = await listedNode(client, vm);
    if (!node || node === vm.node) throw error;
    await updateVm({ id: vm.id, node });
    await publishVmChange(vm.id);
    // The caller's later calls in the same action go straight to the new node.
    vm.node = node;
    return act(node);
  }
}
