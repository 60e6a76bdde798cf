import "server-only";
import { incrementSnapshotCount, updateVm } from "@/db/queries/vms";
import type { Vm } from "@/db/schema";
import { systemActor } from "@/lib/audit/record-audit-event";
import { message } from "@/lib/i18n/message";
import type { ProxmoxClient } from "@/lib/proxmox";
import { type LockRetry, retryOnLockTimeout } from "@/lib/vms/lock-timeouts";
import { recordVmEvent } from "@/lib/vms/vm-timeline";

export const baselineName = "baseline";

/**
 * The snapshot a class VM is reset to, taken once it is made. One found already is a run cut off after
 * taking it. It counts as the VM's snapshot (deleting it gives the count back) but is not held to the
 * snapshot quota: it is part of the class, not the student's choice.
 */
export async function takeBaselineSnapshot(
  client: ProxmoxClient,
  vm: Vm & { node: string; vmid: number },
  lockRetry?: LockRetry,
): Promise<void> {
  if (vm.baselineSnapshot) return;
  const existing = await client.qemu.snapshots(vm.node, vm.vmid);
  if (!existing.some((snapshot) => snapshot.name === baselineName)) {
    const taken = await retryOnLockTimeout(
      async () =>
        client.tasks.wait(
          await client.qemu.createSnapshot(vm.node, vm.vmid, baselineName, {
            description: "As the class's VM was made; Reset returns here",
          }),
        ),
      lockRetry,
    ).then(
      () => true,
      (error: unknown) => {
        // A run cut off a moment ago took it meanwhile (pve-guest-common PVE/AbstractConfig.pm snapshot_prepare
        // refuses a name in use); that run counts it.
        if (
          /snapshot name '[^']*' already used/.test(
            `${(error as { reason?: string }).reason ?? ""} ${(error as Error).message}`,
          )
        )
          return false;
        throw error;
      },
    );
    if (taken) await incrementSnapshotCount({ id: vm.id });
  }
  await updateVm({ id: vm.id, baselineSnapshot: baselineName });
  await recordVmEvent({
    vmId: vm.id,
    kind: "snapshot",
    message: message("timeline.baselineTaken"),
    actor: systemActor,
  });
}
