import "server-only";
import { getProjectById } from "@/db/queries/projects";
import type { Vm } from "@/db/schema";
import type { AuditActor } from "@/lib/audit/record-audit-event";
import { nodesOpenForNewVms } from "@/lib/catalog/node-policy";
import type { ProxmoxClient } from "@/lib/proxmox";
import { chooseNode } from "./placement";
import { ensurePool, ProvisionFailure, poolFor, projectPoolFor, recordFreeVmid } from "./provisioning-steps";

export interface Placement {
  node: string;
  vmid: number;
  pool: string;
}

/**
 * Picks a node the admins opened for new VMs, makes sure the owner's pool (or the project's) exists and
 * reserves a free VM id on that node, the first step of every way a VM is made.
 */
export async function placeVm(
  client: ProxmoxClient,
  vm: Vm,
  owner: AuditActor & { username: string },
  where: { templateNode: string; sharedStorage: boolean },
): Promise<Placement> {
  const open = await nodesOpenForNewVms(vm.clusterId);
  if ("error" in open) throw new ProvisionFailure(open.error);
  const resources = await client.resources.get({ maxAgeMs: 0 });
  const placement = chooseNode(resources, {
    ...where,
    memoryMb: vm.memoryMb,
    approvedNodes: open.nodes ?? undefined,
  });
  if ("error" in placement) throw new ProvisionFailure(placement.error);
  const project = vm.projectId ? await getProjectById({ id: vm.projectId }) : null;
  const pool = project ? projectPoolFor(project.slug) : poolFor(owner.username);
  await ensurePool(
    client,
    pool,
    project
      ? `VMs of the project ${project.name}, managed by Roost`
      : `VMs of ${owner.label}, managed by Roost`,
  );
  // Recorded before anything exists on Proxmox, so that a failure or a restart can find what to remove.
  const vmid = await recordFreeVmid(client, vm, { node: placement.node, pool });
  return { node: placement.node, vmid, pool };
}
