"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { validatedAction } from "@/lib/actions/validated-action";
import { getConfig } from "@/lib/config";
import { explainConsoleClose, issueConsoleTicket } from "@/lib/console/console-tickets";
import { consoleRelayUrl } from "@/lib/console/relay-url";
import { renewOwnedLease } from "@/lib/leases/renew-lease";
import { limitVmRequests } from "@/lib/limits/request-limits";
import { setOwnedVmBootOrder, setOwnedVmCdrom } from "@/lib/vms/media-vm";
import { deleteOwnedVm, powerOwnedVm } from "@/lib/vms/operate-vm";
import { powerActions } from "@/lib/vms/power-actions";
import { requestIsoVm } from "@/lib/vms/provision-iso-vm";
import { requestVm } from "@/lib/vms/request-vm";
import { resetVmToBaseline } from "@/lib/vms/reset-to-baseline";
import { resizeOwnedVm } from "@/lib/vms/resize-vm";
import { retryFailedVm } from "@/lib/vms/retry-vm";
import { createOwnedSnapshot, deleteOwnedSnapshot, rollbackOwnedSnapshot } from "@/lib/vms/snapshots";
import { startIsoProvisioning, startProvisioning } from "@/lib/vms/start-provisioning";
import {
  isoRequestSchema,
  snapshotNameSchema,
  snapshotRequestSchema,
  vmRequestSchema,
  vmResizeSchema,
} from "@/lib/vms/vm-inputs";

export const createVmAction = validatedAction(
  { name: "vm.create", permission: "portal:use", input: vmRequestSchema },
  async (input, { user, owner, audit }) => {
    await limitVmRequests(user.id);
    const requested = await requestVm(owner, input);
    await audit({
      action: "vm.create",
      target: { type: "vm", id: requested.vm.id },
      detail: { name: input.name, template: requested.template.label },
    });
    await startProvisioning(requested, owner);
    revalidatePath("/vms");
    return { vmId: requested.vm.id, password: requested.password, user: requested.template.defaultUser };
  },
);

export const createIsoVmAction = validatedAction(
  { name: "vm.create", permission: "portal:use", input: isoRequestSchema },
  async (input, { user, owner, audit }) => {
    await limitVmRequests(user.id);
    const requested = await requestIsoVm(owner, input);
    await audit({
      action: "vm.create",
      target: { type: "vm", id: requested.vm.id },
      detail: { name: input.name, iso: requested.iso.label },
    });
    await startIsoProvisioning(requested);
    revalidatePath("/vms");
    return { vmId: requested.vm.id };
  },
);

export const powerVmAction = validatedAction(
  {
    name: "vm.power",
    permission: "portal:use",
    input: z.object({ vmId: z.uuid("Pick a VM."), action: z.enum(powerActions) }),
  },
  async ({ vmId, action }, { user, actor, audit }) => {
    const result = await powerOwnedVm({
      vmId,
      person: user,
      action,
      actor,
    });
    await audit({ action: `vm.${action}`, target: { type: "vm", id: vmId } });
    revalidatePath(`/vms/${vmId}`);
    return result;
  },
);

export const deleteVmAction = validatedAction(
  {
    name: "vm.delete",
    permission: "portal:use",
    input: z.object({ vmId: z.uuid("Pick a VM."), confirmName: z.string() }),
  },
  async ({ vmId, confirmName }, { user, actor, audit }) => {
    await deleteOwnedVm({
      vmId,
      person: user,
      confirmName,
      actor,
    });
    await audit({ action: "vm.delete", target: { type: "vm", id: vmId } });
    revalidatePath("/vms");
    return { vmId };
  },
);

const snapshotTarget = z.object({ vmId: z.uuid("Pick a VM."), name: snapshotNameSchema });

export const createSnapshotAction = validatedAction(
  {
    name: "vm.snapshot.create",
    permission: "portal:use",
    input: snapshotRequestSchema.extend({ vmId: z.uuid("Pick a VM.") }),
  },
  async ({ vmId, name, description }, { user, actor, audit }) => {
    await createOwnedSnapshot(vmId, user, name, description, actor);
    await audit({ action: "vm.snapshot.create", target: { type: "vm", id: vmId }, detail: { name } });
    revalidatePath(`/vms/${vmId}`);
    return { name };
  },
);

export const rollbackSnapshotAction = validatedAction(
  { name: "vm.snapshot.rollback", permission: "portal:use", input: snapshotTarget },
  async ({ vmId, name }, { user, actor, audit }) => {
    await rollbackOwnedSnapshot(vmId, user, name, actor);
    await audit({ action: "vm.snapshot.rollback", target: { type: "vm", id: vmId }, detail: { name } });
    revalidatePath(`/vms/${vmId}`);
    return { name };
  },
);

export const resetToBaselineAction = validatedAction(
  {
    name: "vm.reset_baseline",
    permission: "portal:use",
    input: z.object({ vmId: z.uuid("Pick a VM."), confirmName: z.string() }),
  },
  async ({ vmId, confirmName }, { user, actor, audit }) => {
    const result = await resetVmToBaseline({ vmId, person: user, confirmName, actor });
    await audit({ action: "vm.reset_baseline", target: { type: "vm", id: vmId } });
    revalidatePath(`/vms/${vmId}`);
    return result;
  },
);

export const deleteSnapshotAction = validatedAction(
  { name: "vm.snapshot.delete", permission: "portal:use", input: snapshotTarget },
  async ({ vmId, name }, { user, actor, audit }) => {
    await deleteOwnedSnapshot(vmId, user, name, actor);
    await audit({ action: "vm.snapshot.delete", target: { type: "vm", id: vmId }, detail: { name } });
    revalidatePath(`/vms/${vmId}`);
    return { name };
  },
);

export const resizeVmAction = validatedAction(
  {
    name: "vm.resize",
    permission: "portal:use",
    input: vmResizeSchema.extend({ vmId: z.uuid("Pick a VM.") }),
  },
  async ({ vmId, ...size }, { user, actor, audit }) => {
    const outcome = await resizeOwnedVm(vmId, user, size, actor);
    await audit({ action: "vm.resize", target: { type: "vm", id: vmId }, detail: size });
    revalidatePath(`/vms/${vmId}`);
    return outcome;
  },
);

export const setCdromAction = validatedAction(
  {
    name: "vm.cdrom",
    permission: "portal:use",
    input: z.object({ vmId: z.uuid("Pick a VM."), isoId: z.uuid().nullable() }),
  },
  async ({ vmId, isoId }, { user, actor, audit }) => {
    await setOwnedVmCdrom(vmId, user, isoId, actor);
    await audit({ action: "vm.cdrom", target: { type: "vm", id: vmId }, detail: { isoId } });
    revalidatePath(`/vms/${vmId}`);
    return { isoId };
  },
);

export const setBootOrderAction = validatedAction(
  {
    name: "vm.boot-order",
    permission: "portal:use",
    input: z.object({ vmId: z.uuid("Pick a VM."), first: z.enum(["disk", "cdrom"]) }),
  },
  async ({ vmId, first }, { user, actor, audit }) => {
    await setOwnedVmBootOrder(vmId, user, first, actor);
    await audit({ action: "vm.boot-order", target: { type: "vm", id: vmId }, detail: { first } });
    revalidatePath(`/vms/${vmId}`);
    return { first };
  },
);

export const renewLeaseAction = validatedAction(
  { name: "vm.lease.renew", permission: "portal:use", input: z.object({ vmId: z.uuid("Pick a VM.") }) },
  async ({ vmId }, { user, actor, audit }) => {
    const end = await renewOwnedLease(vmId, user, actor);
    await audit({
      action: "vm.lease.renew",
      target: { type: "vm", id: vmId },
      detail: { until: end.toISOString() },
    });
    revalidatePath(`/vms/${vmId}`);
    revalidatePath("/vms");
    return { leaseExpiresAt: end.toISOString() };
  },
);

export const retryVmAction = validatedAction(
  { name: "vm.retry", permission: "portal:use", input: z.object({ vmId: z.uuid("Pick a VM.") }) },
  async ({ vmId }, { user, owner, audit }) => {
    const requested = await retryFailedVm(vmId, user, owner);
    await audit({
      action: "vm.create",
      target: { type: "vm", id: requested.vm.id },
      detail: { retryOf: vmId },
    });
    await startProvisioning(requested, owner);
    revalidatePath("/vms");
    return { vmId: requested.vm.id, password: requested.password, user: requested.template.defaultUser };
  },
);

export const openConsoleAction = validatedAction(
  {
    name: "vm.console.open",
    permission: "portal:use",
    input: z.object({ vmId: z.uuid("Pick a VM."), kind: z.enum(["vnc", "serial"]).default("vnc") }),
  },
  async ({ vmId, kind }, { user }) => {
    const issued = await issueConsoleTicket(user, vmId, kind);
    return { token: issued.token, password: issued.password, relayUrl: consoleRelayUrl(getConfig()) };
  },
);

export const explainConsoleCloseAction = validatedAction(
  {
    name: "vm.console.explain",
    permission: "portal:use",
    input: z.object({ vmId: z.uuid("Pick a VM."), token: z.string().min(1).max(200) }),
  },
  async ({ vmId, token }, { user }) => ({ why: await explainConsoleClose(user, vmId, token) }),
);
