import "server-only";
import { getCohortById, listSeatsInStates, updateSeat } from "@/db/queries/cohorts";
import { insertShare } from "@/db/queries/shares";
import { getTemplateById } from "@/db/queries/templates";
import { getUserById } from "@/db/queries/users";
import { getVmById } from "@/db/queries/vms";
import type { Cohort, Template, Vm } from "@/db/schema";
import { systemActor } from "@/lib/audit/record-audit-event";
import { getProxmoxClient } from "@/lib/clusters/client-registry";
import { message } from "@/lib/i18n/message";
import type { ProxmoxClient } from "@/lib/proxmox";
import { getSetting } from "@/lib/settings/settings";
import { passwordRoute } from "@/lib/vms/guest-password";
import { defaultLockRetry } from "@/lib/vms/lock-timeouts";
import { provisionVm } from "@/lib/vms/provision-vm";
import { type ProvisionOptions, plainReason, type StepRunner } from "@/lib/vms/provisioning-steps";
import { vmOwnerFrom } from "@/lib/vms/vm-owner";
import { recordVmEvent } from "@/lib/vms/vm-timeline";
import { takeBaselineSnapshot } from "./baseline-snapshot";
import { claimSeat } from "./claim-seat";
import { firstSeatPassword, studentKeys } from "./seat-password";
import { takeStorageSlot, templateStorage } from "./storage-slots";

export interface BatchOptions extends ProvisionOptions {
  /** Clones in flight per storage; the setting `cohorts.concurrency` when left out. */
  concurrency?: number;
}

export interface BatchOutcome {
  ready: number;
  failed: number;
  skipped?: string;
}

/**
 * From choosing a VM id to the clone made, a seat holds a slot of the template's storage: the clone
 * allocates there under the storage's lock (resizes and snapshots do not take it: pve-storage
 * PVE/Storage.pm volume_resize, volume_snapshot), and ids chosen but not yet cloned stay few, so that
 * the next free id is found close by.
 */
const slotFrom = "place";
const slotUntil = "clone";

interface Batch {
  cohort: Cohort;
  template: Template;
  client: ProxmoxClient;
  windows: boolean;
  storageKey: string;
  options: BatchOptions & { concurrency: number };
}

/**
 * Makes the VMs of a class's queued seats, and finishes those a cut-off run left half-made: each seat is
 * claimed (its VM recorded, once), provisioned as any VM is, given its baseline snapshot and marked
 * ready, or failed with the reason. Clones go at most `concurrency` at a time per storage; the rest of a
 * seat's work (start, waiting for the guest) runs beside them. Every step is `run` under a seat's own
 * name, so a resumed job skips what was done and a seat's VM is never made twice.
 */
export async function provisionCohort(
  cohortId: string,
  run: StepRunner,
  options: BatchOptions = {},
): Promise<BatchOutcome> {
  const cohort = await getCohortById({ id: cohortId });
  if (!cohort || cohort.endedAt) return { ready: 0, failed: 0, skipped: "no such class, or it ended" };
  const template = await getTemplateById({ id: cohort.templateId });
  if (!template) return { ready: 0, failed: 0, skipped: "its template is gone" };
  const client = await getProxmoxClient(template.clusterId);
  const seatIds = await run("seats", async () =>
    (await listSeatsInStates({ cohortId, states: ["queued", "provisioning"] })).map((seat) => seat.id),
  );
  if (seatIds.length === 0) return { ready: 0, failed: 0 };

  let config: Record<string, unknown>;
  try {
    config = await client.qemu.config(template.node, template.vmid);
  } catch (error) {
    return failAll(seatIds, `Roost could not look at ${template.label} on Proxmox. ${plainReason(error)}`);
  }
  const route = passwordRoute(template, config);
  if ("refusal" in route) return failAll(seatIds, route.refusal);
  const concurrency = options.concurrency ?? (await getSetting("cohorts.concurrency"));
  const batch: Batch = {
    cohort,
    template,
    client,
    windows: route.windows,
    // Local storage locks per node (the clone runs on the template's); shared storage cluster-wide.
    storageKey: `${template.clusterId}/${template.node}/${templateStorage(config) ?? "?"}`,
    options: { lockRetry: defaultLockRetry, ...options, concurrency },
  };

  const outcome: BatchOutcome = { ready: 0, failed: 0 };
  // Seats beyond this wait their turn before any work, so that Proxmox sees a bounded number of calls.
  const queue = [...seatIds];
  const worker = async () => {
    for (let seatId = queue.shift(); seatId; seatId = queue.shift()) {
      const seat = seatRunner(batch, seatId, run);
      const state = await provisionSeat(batch, seatId, seat.run).finally(seat.done);
      if (state === "ready") outcome.ready++;
      if (state === "failed") outcome.failed++;
    }
  };
  await Promise.all(Array.from({ length: Math.min(seatIds.length, concurrency * 3) }, worker));
  return outcome;
}

function seatRunner(
  batch: Batch,
  seatId: string,
  run: StepRunner,
): { run: StepRunner; done(): Promise<void> } {
  const { storageKey, options } = batch;
  let release: (() => Promise<void>) | null = null;
  const done = async () => {
    const giveBack = release;
    release = null;
    await giveBack?.();
  };
  return {
    done,
    run: (id, fn) =>
      run(`seat-${seatId}-${id}`, async () => {
        // A resumed run may start at the clone, its placement replayed.
        if ((id === slotFrom || id === slotUntil) && !release)
          release = await takeStorageSlot(storageKey, options.concurrency);
        try {
          return await fn();
        } finally {
          if (id === slotUntil) await done();
        }
      }),
  };
}

async function failAll(seatIds: string[], reason: string): Promise<BatchOutcome> {
  for (const id of seatIds) await updateSeat({ id, state: "failed", error: reason });
  return { ready: 0, failed: seatIds.length };
}

async function provisionSeat(batch: Batch, seatId: string, run: StepRunner): Promise<string | null> {
  const { cohort, template, client, options } = batch;
  const claim = await run("claim", () => claimSeat(cohort, template, seatId));
  if (!claim?.vmId || claim.state !== "provisioning") return claim?.state ?? null;
  let vm = await getVmById({ id: claim.vmId });
  if (!vm) return null;
  if (vm.state === "provisioning") {
    const owner = await getUserById({ id: vm.ownerId });
    if (!owner) return null;
    const vmId = vm.id;
    const password = await run("password", () => firstSeatPassword({ id: seatId, vmId }, batch.windows));
    vm = await provisionVm(
      client,
      {
        vm,
        template,
        ...password,
        sshKeys: await studentKeys(claim.userId ?? null),
        owner: vmOwnerFrom(owner),
      },
      options,
      run,
    );
  }
  if (vm.state !== "running" && vm.state !== "stopped") {
    await updateSeat({ id: seatId, state: "failed", error: vm.stateDetail ?? `The VM is ${vm.state}.` });
    return "failed";
  }
  const made = vm as Vm & { node: string; vmid: number };
  try {
    await run("baseline", async () => {
      await takeBaselineSnapshot(client, made, options.lockRetry);
      return true;
    });
    if (cohort.ownership === "project") await run("share", () => shareWithStudent(cohort, made, seatId));
  } catch (error) {
    await updateSeat({ id: seatId, state: "failed", error: `The VM was made, but ${plainReason(error)}` });
    return "failed";
  }
  await updateSeat({ id: seatId, state: "ready", error: null });
  return "ready";
}

/** A project-owned class VM: its student operates it through a share for the term. */
async function shareWithStudent(cohort: Cohort, vm: Vm, seatId: string): Promise<boolean> {
  const seat = (await listSeatsInStates({ cohortId: cohort.id, states: ["provisioning"] })).find(
    (row) => row.id === seatId,
  );
  if (!seat?.userId) return false;
  const share = await insertShare({
    vmId: vm.id,
    userId: seat.userId,
    inviteEmail: null,
    role: "operator",
    expiresAt: cohort.endsAt,
    createdById: cohort.teacherId,
  }).catch((error: unknown) => {
    // A share made by a run cut off after it: the student has it.
    if (
      (error as { code?: string }).code === "23505" ||
      (error as { cause?: { code?: string } }).cause?.code === "23505"
    )
      return null;
    throw error;
  });
  if (share)
    await recordVmEvent({
      vmId: vm.id,
      kind: "shared",
      message: message("timeline.sharedWithStudent", { cohort: cohort.name }),
      actor: systemActor,
      detail: { shareId: share.id, cohortId: cohort.id },
    });
  return true;
}
