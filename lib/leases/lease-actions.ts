import "server-only";
import { updateVm } from "@/db/queries/vms";
import type { Vm } from "@/db/schema";
import { getProxmoxClient } from "@/lib/clusters/client-registry";
import { isProxmoxError, type ProxmoxClient } from "@/lib/proxmox";
import { powerStateOf } from "@/lib/vms/power-state";
import { removeVmWeMade } from "@/lib/vms/vm-identity";
import { onCurrentNode, type PlacedVm } from "@/lib/vms/vm-location";
import { lookForVm, nodesByState } from "@/lib/vms/vm-sighting";

const SHUTDOWN_TIMEOUT_S = 60;

export const isMissingOnProxmox = (error: unknown) =>
  isProxmoxError(error) && error.status === 500 && /does not exist/.test(error.reason ?? error.message);

/**
 * Where the VM is now: the node the cluster reports, or null once it is proven gone. The resource list
 * leaves out VMs the token may not audit, so a VM absent from it is looked for (vm-sighting.ts); when
 * that cannot tell, this throws and the sweep leaves the lease as it was for the next run.
 */
async function locate(client: ProxmoxClient, vm: Vm): Promise<PlacedVm | null> {
  if (vm.vmid === null) return null;
  const resources = await client.resources.get();
  const found = resources.find((item) => item.type === "qemu" && item.vmid === vm.vmid);
  let node = found?.node;
  if (!node) {
    const nodes = nodesByState(resources);
    if (vm.node && nodes.offline.includes(vm.node))
      throw new Error(`VM ${vm.vmid} is not listed and its node ${vm.node} is offline; nothing was changed`);
    const sighting = await lookForVm(client, { node: vm.node ?? "", vmid: vm.vmid, name: vm.name }, nodes);
    if (sighting.seen === "gone" || sighting.seen === "replaced") return null;
    if (sighting.seen === "unknown")
      throw new Error(
        `VM ${vm.vmid} is not listed and could not be proven gone (${sighting.reason}); nothing was changed`,
      );
    node = sighting.node;
  }
  if (node !== vm.node) await updateVm({ id: vm.id, node });
  return { id: vm.id, node, vmid: vm.vmid, name: vm.name };
}

/** PVE refuses to shut a paused guest down (Qemu.pm vm_shutdown): it could not answer, and would power off once resumed. */
const refusedAsPaused = (error: unknown) =>
  isProxmoxError(error) && /VM is paused - cannot shutdown/.test(error.reason ?? "");

/**
 * Shuts the VM down, and stops it when the guest ignores that for a minute; a paused VM is stopped
 * straight away, as it cannot answer a shutdown. "missing" when it is gone.
 */
export async function stopForLease(vm: Vm): Promise<"stopped" | "already-stopped" | "missing"> {
  const client = await getProxmoxClient(vm.clusterId);
  const where = await locate(client, vm);
  if (!where) return "missing";
  const stop = () =>
    onCurrentNode(client, where, async (node) =>
      client.tasks.wait(await client.qemu.power(node, where.vmid, "stop"), { deadlineMs: 120_000 }),
    );
  try {
    const status = await onCurrentNode(client, where, (node) => client.qemu.status(node, where.vmid));
    const state = powerStateOf(status.status, status.qmpstatus);
    if (state === "stopped") return "already-stopped";
    if (state === "paused") await stop();
    else
      try {
        await onCurrentNode(client, where, async (node) =>
          client.tasks.wait(
            await client.qemu.power(node, where.vmid, "shutdown", { timeout: SHUTDOWN_TIMEOUT_S }),
            { deadlineMs: (SHUTDOWN_TIMEOUT_S + 30) * 1000 },
          ),
        );
      } catch (error) {
        // Paused since the status was read, or a guest that ignored the power button.
        if (!refusedAsPaused(error) && !(isProxmoxError(error) && error.kind === "task-failed")) throw error;
        await stop();
      }
    client.resources.noteGuestStatus(where.vmid, "stopped");
    return "stopped";
  } catch (error) {
    if (isMissingOnProxmox(error)) return "missing";
    throw error;
  }
}

/** Stops (if running) and destroys the VM with its disks. "missing" when it was already gone. */
export async function destroyForLease(vm: Vm): Promise<"destroyed" | "missing"> {
  const client = await getProxmoxClient(vm.clusterId);
  const where = await locate(client, vm);
  if (!where) return "missing";
  try {
    // Refuses (NotOurVmError, reported by the sweep) a VM whose name or tag shows it is not this one.
    const outcome = await removeVmWeMade(
      client,
      { ...where, name: vm.name },
      { stopMs: 120_000, destroyMs: 300_000 },
    );
    return outcome === "gone" ? "missing" : "destroyed";
  } catch (error) {
    if (isMissingOnProxmox(error)) return "missing";
    throw error;
  }
}
