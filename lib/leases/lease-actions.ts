import "server-only";
import { updateVm } from "@/db/queries/vm-state";
import type { Vm } from "@/db/schema";
import { getProxmoxClient } from "@/lib/clusters/client-registry";
import { type ProxmoxClient, ProxmoxError } from "@/lib/proxmox";
import { removeVmWeMade } from "@/lib/vms/vm-identity";

const SHUTDOWN_TIMEOUT_S = 60;

export const isMissingOnProxmox = (error: unknown) =>
  error instanceof ProxmoxError &&
  error.status === 500 &&
  /does not exist/.test(error.reason ?? error.message);

/** Where the VM is now: its recorded node, or the node the cluster reports, or null when it is gone. */
async function locate(client: ProxmoxClient, vm: Vm): Promise<{ node: string; vmid: number } | null> {
  if (vm.vmid === null) return null;
  const resources = await client.resources.get();
  const found = resources.find((item) => item.type === "qemu" && item.vmid === vm.vmid);
  if (!found?.node) return null;
  if (found.node !== vm.node) await updateVm({ id: vm.id, node: found.node });
  return { node: found.node, vmid: vm.vmid };
}

/** Shuts the VM down, and stops it when the guest ignores that for a minute. "missing" when it is gone. */
export async function stopForLease(vm: Vm): Promise<"stopped" | "already-stopped" | "missing"> {
  const client = await getProxmoxClient(vm.clusterId);
  const where = await locate(client, vm);
  if (!where) return "missing";
  try {
    const status = await client.qemu.status(where.node, where.vmid);
    if (status.status !== "running") return "already-stopped";
    try {
      await client.tasks.wait(
        await client.qemu.power(where.node, where.vmid, "shutdown", { timeout: SHUTDOWN_TIMEOUT_S }),
        { deadlineMs: (SHUTDOWN_TIMEOUT_S + 30) * 1000 },
      );
    } catch (error) {
      if (!(error instanceof ProxmoxError) || error.kind !== "task-failed") throw error;
      await client.tasks.wait(await client.qemu.power(where.node, where.vmid, "stop"), {
        deadlineMs: 120_000,
      });
    }
    client.resources.invalidate();
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
