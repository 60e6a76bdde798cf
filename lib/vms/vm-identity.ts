import "server-only";
import type { ProxmoxClient } from "@/lib/proxmox";

/** The tag the portal puts on every VM it makes or adopts: part of the proof that a VM is its own. */
export const ROOST_TAG = "roost";

/** A VM on Proxmox is not the one the portal recorded; nothing was removed. */
export class NotOurVmError extends Error {
  // A discriminant, not instanceof: the class may be bundled more than once.
  readonly kind = "not-ours";
}

export const isNotOurVm = (error: unknown): error is NotOurVmError =>
  (error as { kind?: unknown } | null)?.kind === "not-ours";

export interface RecordedVm {
  node: string;
  vmid: number;
  name: string;
}

const isMissing = (error: unknown) =>
  (error as { status?: number }).status === 500 &&
  /does not exist/.test(
    (error as { reason?: string }).reason ?? (error as { message?: string }).message ?? "",
  );

export function tagsOf(value: unknown): string[] {
  return typeof value === "string" ? value.split(/[;, ]+/).filter(Boolean) : [];
}

/**
 * Reads the VM's config and checks it is the one recorded: the same id, the same name and the portal's
 * tag. "gone" when Proxmox says it does not exist; throws NotOurVmError naming what differs.
 */
export async function proveVmIsOurs(client: ProxmoxClient, recorded: RecordedVm): Promise<"ours" | "gone"> {
  let config: Record<string, unknown>;
  try {
    config = await client.qemu.config(recorded.node, recorded.vmid);
  } catch (error) {
    if (isMissing(error)) return "gone";
    throw error;
  }
  const name = typeof config.name === "string" ? config.name : "";
  const problems = [
    name.toLowerCase() !== recorded.name.toLowerCase() ? `is named "${name}", not "${recorded.name}"` : null,
    tagsOf(config.tags).includes(ROOST_TAG) ? null : `has no "${ROOST_TAG}" tag`,
  ].filter(Boolean);
  if (problems.length) {
    throw new NotOurVmError(
      `VM ${recorded.vmid} on ${recorded.node} ${problems.join(" and ")}, so it is not the VM the portal made; nothing was removed.`,
    );
  }
  return "ours";
}

/** Stops and destroys (with its disks) a VM after proving it is the one recorded. */
export async function removeVmWeMade(
  client: ProxmoxClient,
  recorded: RecordedVm,
  deadlines: { stopMs?: number; destroyMs?: number } = {},
): Promise<"destroyed" | "gone"> {
  if ((await proveVmIsOurs(client, recorded)) === "gone") return "gone";
  const { node, vmid } = recorded;
  const status = await client.qemu.status(node, vmid);
  if (status.status === "running" || status.qmpstatus === "paused")
    await client.tasks.wait(await client.qemu.power(node, vmid, "stop"), { deadlineMs: deadlines.stopMs });
  await client.tasks.wait(await client.qemu.destroy(node, vmid), { deadlineMs: deadlines.destroyMs });
  client.resources.invalidate();
  return "destroyed";
}
