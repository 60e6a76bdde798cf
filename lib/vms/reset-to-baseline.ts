import "server-only";
import { updateVm } from "@/db/queries/vms";
import type { AuditActor } from "@/lib/audit/record-audit-event";
import { authorizeVm, type Person } from "@/lib/authz/vm-access";
import { getProxmoxClient } from "@/lib/clusters/client-registry";
import { conflict, invalid, notFound } from "@/lib/errors";
import { message } from "@/lib/i18n/message";
import { isProxmoxError } from "@/lib/proxmox";
import { onCurrentNode } from "./vm-location";
import { recordVmEvent } from "./vm-timeline";

/**
 * Returns a VM's disks and settings to the snapshot taken when it was made (`vms.baselineSnapshot`), after
 * the person typed the VM's name. Whoever may take and roll back snapshots may reset: the student and
 * their teacher. A VM that was running is started again, so a reset in class leaves it usable.
 */
export async function resetVmToBaseline({
  vmId,
  person,
  confirmName,
  actor,
}: {
  vmId: string;
  person: Person;
  confirmName: string;
  actor: AuditActor;
}): Promise<{ state: "running" | "stopped" }> {
  const vm = await authorizeVm(person, vmId, "snapshot");
  if (vm.state === "deleted") throw notFound();
  if (!vm.baselineSnapshot) throw conflict(message("errors.vm.noBaseline"));
  if (!vm.node || vm.vmid === null || vm.state === "provisioning" || vm.state === "failed")
    throw conflict(message("errors.vm.notReadyForReset"));
  if (confirmName.trim() !== vm.name)
    throw invalid(message("errors.vm.confirmName", { name: vm.name }), "confirmName");
  const { vmid, baselineSnapshot } = vm;
  const client = await getProxmoxClient(vm.clusterId);
  let state: "running" | "stopped" = "stopped";
  try {
    await onCurrentNode(client, { ...vm, node: vm.node, vmid }, async (node) => {
      const running = (await client.qemu.status(node, vmid)).status === "running";
      await client.tasks.wait(
        await client.qemu.rollbackSnapshot(node, vmid, baselineSnapshot, { start: running }),
        { deadlineMs: 300_000 },
      );
      state = running ? "running" : "stopped";
    });
  } catch (error) {
    if (isProxmoxError(error))
      throw conflict(
        message("errors.vm.proxmoxSays", {
          reason: error.kind === "task-failed" ? error.message : (error.reason ?? error.message),
        }),
      );
    throw error;
  }
  client.resources.noteGuestStatus(vmid, state);
  await updateVm({ id: vm.id, state });
  await recordVmEvent({
    vmId: vm.id,
    kind: "snapshot",
    message: message("timeline.resetToBaseline", { snapshot: baselineSnapshot }),
    actor,
  });
  return { state };
}
