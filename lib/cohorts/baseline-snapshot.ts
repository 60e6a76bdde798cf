import "server-only";
import { setBaselineSnapshot } from "@/db/queries/vms";
import type { Vm } from "@/db/schema";
import { systemActor } from "@/lib/audit/record-audit-event";
import { message } from "@/lib/i18n/message";
import type { ProxmoxClient } from "@/lib/proxmox";
import { type LockRetry, retryOnLockTimeout } from "@/lib/vms/lock-timeouts";
import { recordVmEvent } from "@/lib/vms/vm-timeline";

export const baselineName = "baseline";

const settlePollMs = 1000;
const settleDeadlineMs = 300_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The VM's snapshots once none is being taken. A run cut off while its snapshot task ran leaves that task
 * running on Proxmox: the VM is locked `snapshot` and the snapshot listed with `snapstate: prepare`
 * (pve-guest-common PVE/AbstractConfig.pm __snapshot_prepare) until it commits or fails, and a second
 * snapshot meanwhile would fail on the lock ("VM is locked (snapshot)"). A lock that outlasts the deadline
 * is one no task will lift (`qm unlock`), and its error says so.
 */
async function committedSnapshots(client: ProxmoxClient, vm: { node: string; vmid: number }) {
  const deadline = Date.now() + settleDeadlineMs;
  for (;;) {
    const [snapshots, status] = await Promise.all([
      client.qemu.snapshots(vm.node, vm.vmid),
      client.qemu.status(vm.node, vm.vmid),
    ]);
    if (status.lock !== "snapshot" && !snapshots.some((snapshot) => snapshot.snapstate)) return snapshots;
    if (Date.now() >= deadline)
      throw new Error(
        `VM ${vm.vmid} stayed locked (${status.lock ?? "snapshot"}) while a snapshot was taken`,
      );
    await sleep(settlePollMs);
  }
}

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
  const existing = await committedSnapshots(client, vm);
  if (!existing.some((snapshot) => snapshot.name === baselineName)) {
    await retryOnLockTimeout(
      async () =>
        client.tasks.wait(
          await client.qemu.createSnapshot(vm.node, vm.vmid, baselineName, {
            description: "As the class's VM was made; Reset returns here",
          }),
        ),
      lockRetry,
    ).catch((error: unknown) => {
      // A run cut off a moment ago took it meanwhile (pve-guest-common PVE/AbstractConfig.pm snapshot_prepare
      // refuses a name in use): it is there.
      if (
        !/snapshot name '[^']*' already used/.test(
          `${(error as { reason?: string }).reason ?? ""} ${(error as Error).message}`,
        )
      )
        throw error;
    });
  }
  // Counted in the statement that records it, so once, whichever run took it.
  if (!(await setBaselineSnapshot({ id: vm.id, name: baselineName }))) return;
  await recordVmEvent({
    vmId: vm.id,
    kind: "snapshot",
    message: message("timeline.baselineTaken"),
    actor: systemActor,
  });
}
