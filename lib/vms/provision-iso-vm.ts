import "server-only";
import { getEnabledIso } from "@/db/queries/isos";
import { getNetworkById } from "@/db/queries/networks";
import { updateVm } from "@/db/queries/vms";
import type { Iso, Vm } from "@/db/schema";
import type { AuditActor } from "@/lib/audit/record-audit-event";
import { diskStorageFor } from "@/lib/catalog/node-policy";
import { message } from "@/lib/i18n/message";
import { publishVmChange } from "@/lib/live/portal-changes";
import { formatPropertyString, macAddressOf, type ProxmoxClient } from "@/lib/proxmox";
import { getSetting } from "@/lib/settings/settings";
import { emitVmCreated } from "@/lib/webhooks/vm-webhooks";
import { createIsoVm } from "./create-iso-vm";
import { failProvisioning } from "./fail-provisioning";
import { placeVm } from "./place-vm";
import {
  type ProvisionOptions,
  plainReason,
  runDirectly,
  type StepRunner,
  startOnce,
} from "./provisioning-steps";
import { reserveVm, VmRequestError } from "./request-vm";
import { ROOST_TAG } from "./vm-identity";
import type { IsoRequest } from "./vm-inputs";
import { recordVmEvent } from "./vm-timeline";

export interface RequestedIsoVm {
  vm: Vm;
  iso: Iso;
  hardware: Pick<IsoRequest, "diskBus" | "nicModel" | "uefi">;
}

/** A VM that boots an approved installer ISO, with only the hardware options admins allow. */
export async function requestIsoVm(
  owner: AuditActor & { id: string },
  input: IsoRequest,
): Promise<RequestedIsoVm> {
  const iso = await getEnabledIso({ id: input.isoId });
  if (!iso) throw new VmRequestError(message("errors.vm.isoGone"), "isoId");
  const allowed = await getSetting("vm.hardware");
  if (!allowed.diskBuses.includes(input.diskBus))
    throw new VmRequestError(message("errors.vm.diskBusNotOffered", { bus: input.diskBus }), "diskBus");
  if (!allowed.nicModels.includes(input.nicModel))
    throw new VmRequestError(message("errors.vm.nicNotOffered", { model: input.nicModel }), "nicModel");
  if (input.uefi && !allowed.allowUefi) throw new VmRequestError(message("errors.vm.uefiNotOffered"), "uefi");
  const vm = await reserveVm(owner, input, {
    clusterId: iso.clusterId,
    networkId: input.networkId,
    isoId: iso.id,
    minDiskGb: 1,
    label: iso.label,
  });
  return { vm, iso, hardware: { diskBus: input.diskBus, nicModel: input.nicModel, uefi: input.uefi } };
}

/**
 * Creates the empty VM with the ISO in its CD drive and starts it; the member installs from the console.
 * Each step runs once: a durable job passes its memoizing `step.run`, so a restart resumes where it was.
 */
export async function provisionIsoVm(
  client: ProxmoxClient,
  input: RequestedIsoVm & { owner: AuditActor & { username: string } },
  _options: ProvisionOptions = {},
  run: StepRunner = runDirectly,
): Promise<Vm> {
  const { vm, iso, hardware, owner } = input;
  const report = async (stateDetail: string) => {
    await updateVm({ id: vm.id, stateDetail });
    await publishVmChange(vm.id);
  };
  // Only what this provision made: a VM that got the same id first is never touched.
  let placed: { node: string; vmid: number } | null = null;
  try {
    const place = await run("place", async () => {
      const { diskStorage: hardwareStorage } = await getSetting("vm.hardware");
      await report(message("progress.choosingServer"));
      const spot = await placeVm(client, vm, owner, { templateNode: "", sharedStorage: true });
      const diskStorage = await diskStorageFor(
        vm.clusterId,
        async () =>
          (await client.storages(spot.node, { content: "images" })).map((storage) => storage.storage),
        hardwareStorage,
      );
      return { ...spot, diskStorage };
    });
    const { node } = place;

    const vmid = await run("create", async () => {
      await report(message("progress.creatingVm"));
      const { bridge } = await getSetting("vm.hardware");
      const network = vm.networkId ? await getNetworkById({ id: vm.networkId }) : null;
      return createIsoVm(client, {
        vm,
        node,
        vmid: vm.vmid ?? place.vmid,
        poolid: place.pool,
        onMade: (made) => {
          placed = { node, vmid: made };
        },
        params: {
          name: vm.name,
          cores: vm.cores,
          memory: String(vm.memoryMb),
          ostype: "l26",
          scsihw: "virtio-scsi-single",
          [`${hardware.diskBus}0`]: `${place.diskStorage}:${vm.diskGb}`,
          ide2: `${iso.volid},media=cdrom`,
          net0: formatPropertyString(hardware.nicModel, {
            bridge: network?.bridge ?? bridge,
            tag: network?.vlan ?? undefined,
          }),
          boot: `order=${hardware.diskBus}0;ide2`,
          agent: "1",
          pool: place.pool,
          tags: ROOST_TAG,
          description: `Managed by Roost for ${owner.label}`,
          ...(hardware.uefi
            ? {
                bios: "ovmf",
                efidisk0: `${place.diskStorage}:1,efitype=4m,pre-enrolled-keys=1`,
                tpmstate0: `${place.diskStorage}:1,version=v2.0`,
              }
            : {}),
        },
      });
    });
    placed = { node, vmid };

    await run("record-mac", async () => {
      // No cloud-init here: a pool address reaches the installer through the DHCP reservation for this MAC.
      const macAddress = macAddressOf((await client.qemu.config(node, vmid)).net0);
      await updateVm({ id: vm.id, macAddress });
      return true;
    });

    await run("start", async () => {
      await report(message("progress.starting"));
      await startOnce(client, node, vmid);
      return true;
    });
    const running = await updateVm({ id: vm.id, state: "running", stateDetail: null, progress: null });
    await recordVmEvent({
      vmId: vm.id,
      kind: "started",
      message: message("timeline.startedFromIso", { iso: iso.label }),
      actor: owner,
      detail: { node, vmid },
    });
    await emitVmCreated(running!);
    return running!;
  } catch (error) {
    return failProvisioning(client, vm, { reason: plainReason(error), made: placed, actor: owner });
  }
}
