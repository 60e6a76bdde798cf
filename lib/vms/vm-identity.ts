import "server-only";
import { DomainError, isDomainError } from "@/lib/errors";
import type { ProxmoxClient } from "@/lib/proxmox";
import { onCurrentNode, type PlacedVm } from "./vm-location";

/** The tag the portal puts on every VM it makes or adopts: part of the proof that a VM is its own. */
export const ROOST_TAG = "roost";

/** A VM on Proxmox is not the one the portal recorded; nothing was removed. */
export class NotOurVmError extends DomainError {
  constructor(message: string) {
    super("conflict", message);
    this.name = "NotOurVmError";
  }
}

// By name, not instanceof: the class may be bundled more than once.
export const isNotOurVm = (error: unknown): error is NotOurVmError =>
  isDomainError(error) && error.name === "NotOurVmError";

export interface RecordedVm {
  node: string;
  vmid: number;
  name: string;
}

/** Proxmox's answer for a VM whose config is not on the node asked (qemu-server QemuConfig load_config). */
export const saysVmDoesNotExist = (error: unknown) =>
  (error as { status?: number }).status === 500 &&
  /does not exist/.test(
    (error as { reason?: string }).reason ?? (error as { message?: string }).message ?? "",
  );

export const isForbidden = (error: unknown) => (error as { status?: number }).status === 403;

export function tagsOf(value: unknown): string[] {
  return typeof value === "string" ? value.split(/[;, ]+/).filter(Boolean) : [];
}

/** How a VM's config differs from the recorded VM's name and the portal's tag; empty when it is ours. */
export function identityProblems(config: Record<string, unknown>, recorded: RecordedVm): string[] {
  const name = typeof config.name === "string" ? config.name : "";
  return [
    name.toLowerCase() !== recorded.name.toLowerCase() ? `is named "${name}", not "${recorded.name}"` : null,
    tagsOf(config.tags).includes(ROOST_TAG) ? null : `has no "${ROOST_TAG}" tag`,
  ].filter((problem): problem is string => problem !== null);
}

/**
 * Reads the VM's config and checks it is the one recorded: the same id, the same name and the portal's
 * tag. "gone" when Proxmox says it does not exist, or refuses its config (403) while the cluster holds
 * no VM with that id at all; throws NotOurVmError naming what differs.
 */
export async function proveVmIsOurs(
  client: ProxmoxClient,
  recorded: RecordedVm & PlacedVm,
): Promise<"ours" | "gone"> {
  let config: Record<string, unknown>;
  try {
    config = await onCurrentNode(client, recorded, (node) => client.qemu.config(node, recorded.vmid));
  } catch (error) {
    if (saysVmDoesNotExist(error)) return "gone";
    // Destroying a VM takes it out of its pool (qemu-server API2/Qemu.pm destroy_vm calls
    // PVE::AccessControl::remove_vm_access), so a token whose grant came from the pool is refused the
    // config of a VM that is gone. /cluster/nextid reads the whole cluster's VM list, unfiltered.
    if (isForbidden(error) && (await client.isVmidFree(recorded.vmid))) return "gone";
    throw error;
  }
  const problems = identityProblems(config, recorded);
  if (problems.length) {
    throw new NotOurVmError(
      `VM ${recorded.vmid} on ${recorded.node} ${problems.join(" and ")}, so it is not the VM the portal made; nothing was removed.`,
    );
  }
  return "ours";
}

/** Stops and destroys (with its disks) a VM after proving it is the one recorded, on the node it is on now. */
export async function removeVmWeMade(
  client: ProxmoxClient,
  recorded: RecordedVm & PlacedVm,
  deadlines: { stopMs?: number; destroyMs?: number } = {},
): Promise<"destroyed" | "gone"> {
  if ((await proveVmIsOurs(client, recorded)) === "gone") return "gone";
  const { node, vmid } = recorded;
  const status = await client.qemu.status(node, vmid);
  if (status.status === "running" || status.qmpstatus === "paused")
    await client.tasks.wait(await client.qemu.power(node, vmid, "stop"), { deadlineMs: deadlines.stopMs });
  await client.tasks.wait(await client.qemu.destroy(node, vmid), { deadlineMs: deadlines.destroyMs });
  client.resources.noteGuestGone(vmid);
  return "destroyed";
}
