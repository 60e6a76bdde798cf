import "server-only";
import { getEnabledNetwork } from "@/db/queries/networks";
import { getEnabledTemplate } from "@/db/queries/templates";
import { findLiveVmByName, insertVm } from "@/db/queries/vms";
import type { Template, Vm } from "@/db/schema";
import type { AuditActor } from "@/lib/audit/record-audit-event";
import { getProxmoxClient } from "@/lib/clusters/client-registry";
import { generatePassword } from "@/lib/crypto/generate-password";
import { DomainError } from "@/lib/errors";
import { AddressUnavailableError, allocateAddress } from "@/lib/ipam/allocate-address";
import { initialLeaseEnd } from "@/lib/leases/lease-dates";
import { withinQuota } from "@/lib/quotas/effective-quota";
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
 * quota, then records the VM as provisioning — the record is the quota reservation.
 */
export async function requestVm(owner: AuditActor & { id: string }, input: VmRequest): Promise<RequestedVm> {
  const template = await getEnabledTemplate({ id: input.templateId });
  if (!template) throw new VmRequestError("That template is not available any more.", "templateId");
  const { windows } = await checkPasswordRoute(template);
  const vm = await reserveVm(owner, input, {
    clusterId: template.clusterId,
    networkId: input.networkId,
    templateId: template.id,
    minDiskGb: template.minDiskGb,
    label: template.label,
  });
  const password = generatePassword();
  return { vm, template, password, ...guestPassword(vm.id, password, windows) };
}

/** Asked of Proxmox before anything is reserved: a template that cannot take the password is refused. */
async function checkPasswordRoute(template: Template): Promise<{ windows: boolean }> {
  let config: Record<string, unknown>;
  try {
    config = await (await getProxmoxClient(template.clusterId)).qemu.config(template.node, template.vmid);
  } catch (error) {
    throw new VmRequestError(
      `Roost could not look at ${template.label} on Proxmox. ${plainReason(error)}`,
      "templateId",
    );
  }
  const route = passwordRoute(template, config);
  if ("refusal" in route) throw new VmRequestError(route.refusal, "templateId");
  const refusal = route.windows ? sealingRefusal() : null;
  if (refusal) throw new VmRequestError(refusal, "templateId");
  return route;
}

/**
 * Checks the size against the per-VM limits, the name against the owner's other VMs and the whole against
 * their quota, then records the VM as provisioning: the record is the quota reservation. On a network with
 * an IP pool the VM's address is taken in the same transaction, so a full pool reserves nothing.
 */
export async function reserveVm(
  owner: AuditActor & { id: string },
  input: { name: string; cores: number; memoryMb: number; diskGb: number },
  source: {
    clusterId: string;
    networkId?: string;
    templateId?: string;
    isoId?: string;
    minDiskGb: number;
    label: string;
  },
): Promise<Vm> {
  const network = source.networkId ? await getEnabledNetwork({ id: source.networkId }) : null;
  if (source.networkId && (!network || network.clusterId !== source.clusterId)) {
    throw new VmRequestError("That network is not available.", "networkId");
  }
  const size = vmSizeSchema(await getSetting("vm.limits")).safeParse(input);
  if (!size.success) {
    const issue = size.error.issues[0]!;
    throw new VmRequestError(issue.message, String(issue.path[0]));
  }
  const lease = await getSetting("lease.policy");
  if (size.data.diskGb < source.minDiskGb) {
    throw new VmRequestError(`${source.label} needs a disk of at least ${source.minDiskGb} GiB.`, "diskGb");
  }
  const vm = await withinQuota(owner.id, { vms: 1, ...size.data }, async (tx) => {
    if (await findLiveVmByName({ ownerId: owner.id, name: input.name }, tx)) {
      throw new VmRequestError(`You already have a VM called ${input.name}.`, "name");
    }
    const vm = await insertVm(
      {
        clusterId: source.clusterId,
        ownerId: owner.id,
        name: input.name,
        templateId: source.templateId ?? null,
        isoId: source.isoId ?? null,
        networkId: network?.id ?? null,
        ...size.data,
        state: "provisioning",
        stateDetail: "Waiting to start",
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
  });
  await recordVmEvent({
    vmId: vm.id,
    kind: "created",
    message: `Requested from ${source.label}`,
    actor: owner,
  });
  return vm;
}
