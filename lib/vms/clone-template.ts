import "server-only";
import type { Template, Vm } from "@/db/schema";
import type { ProxmoxClient, TaskProgress } from "@/lib/proxmox";
import { type LockRetry, retryOnLockTimeout } from "./lock-timeouts";
import {
  configIfExists,
  isEarlierVmOfThisProvision,
  lostVmidRace,
  ProvisionFailure,
  recordFreeVmid,
} from "./provisioning-steps";
import { ROOST_TAG } from "./vm-identity";

const ID_ATTEMPTS = 5;

export interface CloneInput {
  vm: Vm;
  template: Template;
  /** The pool the placement chose: the owner's, or the project's. */
  pool: string;
  node: string;
  /** The id the VM is recorded with now: a resumed run continues with the one it last chose. */
  vmid: number;
  /** A clone is followed while its log advances; it is given up after this long without a new line. */
  stallMs: number;
  onProgress(progress: TaskProgress): void;
  /** Called once a VM this provision made exists on Proxmox, so that a failure later removes it. */
  onMade(vmid: number): void;
  /**
   * A clone whose worker ran out of time waiting for a lock (its source's, or its storage's while the
   * disks are allocated) made nothing (PVE removes what it began), so it is asked for again after a pause.
   */
  lockRetry?: LockRetry;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Clones the template into a new VM and tags it as the portal's. When the id turns out to be taken
 * (PVE's nextid reserves nothing), another is chosen and recorded: the VM holding the id is left alone.
 * Returns the VM's id.
 */
export async function cloneTemplate(client: ProxmoxClient, input: CloneInput): Promise<number> {
  const { vm, node } = input;
  let vmid = input.vmid;
  for (let attempt = 1; ; attempt++) {
    const existing = await configIfExists(client, node, vmid);
    if (
      existing &&
      (await isEarlierVmOfThisProvision(client, {
        vmid,
        name: vm.name,
        pool: input.pool,
        found: existing.name,
      }))
    ) {
      // This provision's own clone, from before a restart: it may still be copying.
      input.onMade(vmid);
      while ((await client.qemu.config(node, vmid)).lock === "clone") await sleep(1000);
      await client.qemu.updateConfig(node, vmid, { tags: ROOST_TAG });
      return vmid;
    }
    if (!existing) {
      const made = await retryOnLockTimeout(() => cloneOnce(client, input, vmid), input.lockRetry);
      if (made) return vmid;
    }
    if (attempt >= ID_ATTEMPTS)
      throw new ProvisionFailure("Other VMs kept taking the VM id given to this one; try again.");
    vmid = await recordFreeVmid(client, vm);
  }
}

/** One clone to `vmid`: true when made, false when the id was taken first. */
async function cloneOnce(client: ProxmoxClient, input: CloneInput, vmid: number): Promise<boolean> {
  const { vm, template, node } = input;
  let upid: string;
  try {
    upid = await client.qemu.clone(template.node, template.vmid, {
      newid: vmid,
      name: vm.name,
      full: template.cloneMode === "full",
      pool: input.pool,
      target: node === template.node ? undefined : node,
    });
  } catch (error) {
    if (lostVmidRace(error)) return false;
    throw error;
  }
  try {
    await client.tasks.wait(upid, { onProgress: input.onProgress, stallMs: input.stallMs });
  } catch (error) {
    // The clone task checks the id again under its lock (qemu-server API2/Qemu.pm clone_vm).
    if (lostVmidRace(error)) return false;
    if ((error as { kind?: string }).kind !== "timeout") throw error;
    await giveUp(client, input, upid, vmid);
    throw new ProvisionFailure(
      `Copying the template made no progress for ${Math.round(input.stallMs / 1000)} s, so it was stopped.`,
    );
  }
  input.onMade(vmid);
  await client.qemu.updateConfig(node, vmid, { tags: ROOST_TAG });
  return true;
}

/**
 * Stops a clone that stopped advancing. PVE's clone worker dies on the signal and removes its half-made
 * VM itself; if it finished before the signal, the VM is this provision's and is tagged for removal.
 */
async function giveUp(client: ProxmoxClient, input: CloneInput, upid: string, vmid: number) {
  await client.tasks.stop(upid).catch(() => undefined);
  const ended = await client.tasks.wait(upid, { deadlineMs: 60_000 }).then(
    () => "ok" as const,
    (error: unknown) => ((error as { kind?: string }).kind === "timeout" ? "running" : "failed"),
  );
  if (ended === "ok") {
    input.onMade(vmid);
    await client.qemu.updateConfig(input.node, vmid, { tags: ROOST_TAG });
  }
}
