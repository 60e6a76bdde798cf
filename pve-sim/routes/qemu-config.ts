import type { SimCluster } from "../cluster";
import { SimError } from "../errors";
import { replaceCloudinitDrive } from "../state/cloudinit-drive";
import { storedCipassword } from "../state/cloudinit-password";
import { withMac } from "../state/config-strings";
import type { SimVm } from "../state/model";

/** Changes a running VM only takes at its next boot (CPU and memory hotplug are off, as by default). */
const coldKeys =
  /^(cores|sockets|memory|cpu|bios|machine|ciuser|cipassword|sshkeys|ipconfig\d+|nameserver|searchdomain|citype|vga)$/;

function nextDiskIndex(vm: SimVm): number {
  const used = Object.values(vm.config)
    .map((value) => /vm-\d+-disk-(\d+)/.exec(value)?.[1])
    .filter(Boolean)
    .map(Number);
  return used.length ? Math.max(...used) + 1 : 0;
}

function checkSshKeys(encoded: string) {
  const keys = decodeURIComponent(encoded)
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
  for (const key of keys) {
    if (!/^(ssh-(ed25519|rsa|dss)|ecdsa-sha2-nistp\d+|sk-\S+) [A-Za-z0-9+/=]+( .*)?$/.test(key)) {
      throw new SimError(500, "SSH public key validation error");
    }
  }
}

/** `local-lvm:32` allocates a new volume; anything else must name one that exists. */
export function materializeVolume(cluster: SimCluster, vm: SimVm, key: string, value: string): string {
  const [volume = "", ...options] = value.split(",");
  const allocate = /^([a-z][a-z0-9\-_.]*):(\d+(?:\.\d+)?)$/i.exec(volume);
  if (allocate && !/media=cdrom/.test(value)) {
    const storage = cluster.state.storages.find((candidate) => candidate.id === allocate[1]);
    if (!storage) throw new SimError(500, `storage '${allocate[1]}' does not exist`);
    if (!storage.content.includes("images"))
      throw new SimError(500, `storage '${allocate[1]}' does not support vm images`);
    const name =
      key === "efidisk0" || key === "tpmstate0"
        ? `vm-${vm.vmid}-${key.replace("0", "")}-0`
        : `vm-${vm.vmid}-disk-${nextDiskIndex(vm)}`;
    return [`${storage.id}:${name}`, ...options, `size=${allocate[2]}G`].join(",");
  }
  if (/media=cdrom/.test(value) && volume !== "none" && volume !== "cdrom" && !volume.includes("cloudinit")) {
    if (!cluster.state.volumes.some((candidate) => candidate.volid === volume)) {
      throw new SimError(500, `volume '${volume}' does not exist`);
    }
  }
  if (/^[a-z][a-z0-9\-_.]*:cloudinit$/i.test(volume))
    return [`${volume.split(":")[0]}:vm-${vm.vmid}-cloudinit`, "media=cdrom"].join(",");
  return value;
}

export function applyConfig(cluster: SimCluster, vm: SimVm, params: Record<string, string>) {
  if (params.digest && vm.config.digest && params.digest !== vm.config.digest) {
    throw new SimError(500, "detected modified configuration - file changed by other user? Try again.");
  }
  if (params.skiplock !== "1") cluster.checkLock(vm);
  const running = vm.status === "running";
  // update_vm_api decides on the ostype the config has before this update's changes are applied.
  const ostypeBefore = vm.config.ostype;
  for (const key of (params.delete ?? "").split(/[,;\s]+/).filter(Boolean)) {
    if (running && coldKeys.test(key)) vm.pendingDelete.push(key);
    else delete vm.config[key];
  }
  for (const [key, raw] of Object.entries(params)) {
    if (["delete", "digest", "skiplock", "revert", "node", "vmid"].includes(key)) continue;
    if (key === "sshkeys") checkSshKeys(raw);
    if (key === "cipassword") {
      // update_vm_api writes `$conf->{cipassword}` at once, never as pending, even on a running VM.
      vm.config.cipassword = storedCipassword(ostypeBefore, raw);
      continue;
    }
    const value = /^(scsi|virtio|sata|ide)\d+$|^efidisk0$|^tpmstate0$/.test(key)
      ? materializeVolume(cluster, vm, key, raw)
      : /^net\d+$/.test(key)
        ? withMac(raw)
        : raw;
    if (running && coldKeys.test(key) && vm.config[key] !== value) vm.pending[key] = value;
    else {
      const previous = vm.config[key];
      if (previous !== undefined) replaceCloudinitDrive(cluster, vm, previous, value);
      vm.config[key] = value;
    }
  }
  vm.config.digest = Math.random().toString(16).slice(2).padEnd(40, "0").slice(0, 40);
}

/** The config as GET returns it: the password masked, as PVE does. */
export function publicConfig(config: Record<string, string>): Record<string, string | number> {
  const shown: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(config)) {
    shown[key] =
      key === "cipassword"
        ? "**********"
        : /^(cores|sockets|template|balloon|onboot)$/.test(key)
          ? Number(value)
          : value;
  }
  return shown;
}
