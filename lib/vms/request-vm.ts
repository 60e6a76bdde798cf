import "server-only";
import type { Executor } from "@/db/client";
import { getEnabledNetwork } from "@/db/queries/networks";
import { getEnabledTemplate } from "@/db/queries/templates";
import { findLiveVmByName, insertVm } from "@/db/queries/vms";
import type { Project, QuotaAccount, Template, Usage, Vm } from "@/db/schema";
import type { AuditActor } from "@/lib/audit/record-audit-event";
import { getProxmoxClient } from "@/lib/clusters/client-registry";
import { generatePassword } from "@/lib/crypto/generate-password";
import { DomainError } from "@/lib/errors";
import { message } from "@/lib/i18n/message";
import { AddressUnavailableError, allocateAddress } from "@/lib/ipam/allocate-address";
import { initialLeaseEnd } from "@/lib/leases/lease-dates";
import { projectForCreating, projectRoleOf } from "@/lib/projects/project-access";
import { projectLeasePolicy } from "@/lib/projects/project-lease";
import { withinQuota } from "@/lib/quotas/effective-quota";
import { projectAccount, userAccount } from "@/lib/quotas/quota-account";
import { getSetting } from "@/lib/settings/settings";
import { type GuestPassword, guestPassword, passwordRoute, sealingRefusal } from "./guest-password";
import { plainReason } from "./provisioning-steps";
import type { VmRequest } from "./vm-inputs";
import { vmSizeSchema } from "./vm-size";
import { recordVmEvent } from "./vm-timeline";

/** Why a VM cannot be made as asked, at the field of the request that is at fault. */
export class VmRequestError extends DomainError {
  constructor(
    message: string,
    readonly field: string,
  ) {
    super("invalid", message, { fieldErrors: { [field]: [message] } });
    this.name = "VmRequestError";
  }
}

export type RequestedVm = {
  vm: Vm;
  template: Template;
  /** Shown to the owner once; the portal keeps no copy. */
  password: string;
} & GuestPassword;

/**
 * Checks a member's request against the catalog, the per-VM limits, their other VMs' names and their
 * quota (or the project's), then records the VM as provisioning — the record is the quota reservation.
 */
export async function requestVm(owner: AuditActor & { id: string }, input: VmRequest): Promise<RequestedVm> {
  const prepared = await prepareVm(owner, input);
  const vm = await withinQuota(prepared.account, prepared.usage, prepared.claim);
  return requestedVm(owner, prepared, vm, requestedMessage(prepared.label, prepared.project));
}

/** A template request checked against everything but the quota, ready to be recorded in a transaction. */
export type PreparedVm = PreparedClaim & { template: Template; windows: boolean };

/**
 * Checks a request as `requestVm` does, except the quota: an approved request beyond it records the VM
 * with `claim` in the transaction that decides the request.
 */
export async function prepareVm(owner: { id: string }, input: VmRequest): Promise<PreparedVm> {
  const template = await getEnabledTemplate({ id: input.templateId });
  if (!template) throw new VmRequestError(message("errors.vm.templateUnavailable"), "templateId");
  const { windows } = await checkPasswordRoute(template);
  const prepared = await prepareClaim(owner, input, {
    clusterId: template.clusterId,
    networkId: input.networkId,
    templateId: template.id,
    minDiskGb: template.minDiskGb,
    label: template.label,
  });
  return { ...prepared, template, windows };
}

/** After the record: the timeline's first entry, and the one-time password the owner is shown. */
export async function requestedVm(
  owner: AuditActor & { id: string },
  prepared: PreparedVm,
  vm: Vm,
  message: string,
): Promise<RequestedVm> {
  await recordVmEvent({ vmId: vm.id, kind: "created", message, actor: owner });
  const password = generatePassword();
  return {
    vm,
    template: prepared.template,
    password,
    ...(await guestPassword(vm.id, password, prepared.windows)),
  };
}

const requestedMessage = (label: string, project: Project | null) =>
  project ? `Requested from ${label} for ${project.name}` : `Requested from ${label}`;

/** Asked of Proxmox before anything is reserved: a template that cannot take the password is refused. */
async function checkPasswordRoute(template: Template): Promise<{ windows: boolean }> {
  let config: Record<string, unknown>;
  try {
    config = await (await getProxmoxClient(template.clusterId)).qemu.config(template.node, template.vmid);
  } catch (error) {
    throw new VmRequestError(
      message("errors.vm.templateUnreachable", { template: template.label, reason: plainReason(error) }),
      "templateId",
    );
  }
  const route = passwordRoute(template, config);
  if ("refusal" in route) throw new VmRequestError(route.refusal, "templateId");
  const refusal = route.windows ? sealingRefusal() : null;
  if (refusal) throw new VmRequestError(refusal, "templateId");
  return route;
}

type VmSource = {
  clusterId: string;
  networkId?: string;
  templateId?: string;
  isoId?: string;
  minDiskGb: number;
  label: string;
};

/** What a checked request takes of which quota, and how its record is made inside a transaction. */
export type PreparedClaim = {
  account: QuotaAccount;
  project: Project | null;
  label: string;
  usage: Pick<Usage, "vms" | "cores" | "memoryMb" | "diskGb">;
  claim: (tx: Executor) => Promise<Vm>;
};

/**
 * Checks the size against the per-VM limits, the name against the owner's other VMs (or the project's) and
 * the whole against their quota (or the project's, whose owners and operators may create in it), then
 * records the VM as provisioning: the record is the quota reservation. On a network with an IP pool the
 * VM's address is taken in the same transaction, so a full pool reserves nothing.
 */
export async function reserveVm(
  owner: AuditActor & { id: string },
  input: { name: string; cores: number; memoryMb: number; diskGb: number; projectId?: string },
  source: VmSource,
): Promise<Vm> {
  const prepared = await prepareClaim(owner, input, source);
  const vm = await withinQuota(prepared.account, prepared.usage, prepared.claim);
  await recordVmEvent({
    vmId: vm.id,
    kind: "created",
    message: requestedMessage(source.label, prepared.project),
    actor: owner,
  });
  return vm;
}

async function prepareClaim(
  owner: { id: string },
  input: { name: string; cores: number; memoryMb: number; diskGb: number; projectId?: string },
  source: VmSource,
): Promise<PreparedClaim> {
  const project = input.projectId ? await projectForCreating(owner, input.projectId) : null;
  const network = source.networkId ? await getEnabledNetwork({ id: source.networkId }) : null;
  if (source.networkId && (!network || network.clusterId !== source.clusterId)) {
    throw new VmRequestError(message("errors.vm.networkUnavailable"), "networkId");
  }
  const size = vmSizeSchema(await getSetting("vm.limits")).safeParse(input);
  if (!size.success) {
    const issue = size.error.issues[0]!;
    throw new VmRequestError(issue.message, String(issue.path[0]));
  }
  const lease = projectLeasePolicy(await getSetting("lease.policy"), project);
  if (size.data.diskGb < source.minDiskGb) {
    throw new VmRequestError(
      message("errors.vm.diskTooSmall", { template: source.label, minDiskGb: source.minDiskGb }),
      "diskGb",
    );
  }
  const account = project ? projectAccount(project.id) : userAccount(owner.id);
  const claim = async (tx: Executor) => {
    // Under the project's lock, which member changes take too: one removed a moment ago creates nothing.
    if (project && !["owner", "operator"].includes((await projectRoleOf(owner, project.id, tx)) ?? ""))
      throw new VmRequestError(message("errors.vm.projectRoleLost", { project: project.name }), "projectId");
    if (await findLiveVmByName({ ownerId: owner.id, projectId: project?.id, name: input.name }, tx)) {
      throw new VmRequestError(
        project
          ? message("errors.vm.nameTaken", { owner: project.name, name: input.name })
          : message("errors.vm.nameTakenOwn", { name: input.name }),
        "name",
      );
    }
    const vm = await insertVm(
      {
        clusterId: source.clusterId,
        ownerId: owner.id,
        projectId: project?.id ?? null,
        name: input.name,
        templateId: source.templateId ?? null,
        isoId: source.isoId ?? null,
        networkId: network?.id ?? null,
        ...size.data,
        state: "provisioning",
        stateDetail: message("progress.waitingToStart"),
        leaseExpiresAt: initialLeaseEnd(lease),
      },
      tx,
    );
    if (network) {
      const target = { networkId: network.id, networkLabel: network.label, vmId: vm.id, hostname: vm.name };
      await allocateAddress(target, tx).catch((error: unknown) => {
        throw error instanceof AddressUnavailableError
          ? new VmRequestError(error.message, error.field)
          : error;
      });
    }
    return vm;
  };
  return { account, project, label: source.label, usage: { vms: 1, ...size.data }, claim };
}
