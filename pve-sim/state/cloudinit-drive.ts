import type { SimCluster } from "../cluster";
import type { SimVm } from "./model";

/** The size PVE allocates for a cloud-init drive (qemu-server Cloudinit.pm: 4 MiB). */
export const CLOUDINIT_BYTES = 4 * 1024 ** 2;

export function cloudinitVolume(value: string | undefined): string | null {
  const volume = value?.split(",")[0] ?? "";
  return /^[^:]+:(vm|base)-\d+-cloudinit$/.test(volume) ? volume : null;
}

/**
 * A drive slot that held the cloud-init volume gets another value. A stopped VM applies it through
 * qemu-server QemuServer.pm vmconfig_apply_pending → vmconfig_register_unused_drive, which vdisk_frees
 * a cloud-init drive (never an unusedN). A running VM changes the medium in vmconfig_update_disk and
 * frees the volume only when the new medium is `none`; otherwise the volume stays on its storage,
 * referenced by no config.
 */
export function replaceCloudinitDrive(cluster: SimCluster, vm: SimVm, oldValue: string, newValue: string) {
  const volid = cloudinitVolume(oldValue);
  if (!volid || cloudinitVolume(newValue) === volid) return;
  const ejected = newValue.split(",")[0] === "none";
  if (vm.status !== "running" || ejected) return;
  cluster.state.volumes.push({
    storage: volid.split(":")[0]!,
    volid,
    content: "images",
    size: CLOUDINIT_BYTES,
    format: "raw",
    vmid: vm.vmid,
    ctime: Math.floor(cluster.now() / 1000),
  });
}
