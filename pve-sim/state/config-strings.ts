/** Reads `scsi0: local-lvm:vm-100-disk-0,size=32G` style disk entries. */
export function diskSizeGb(entry: string | undefined): number {
  const match = /(?:^|,)size=(\d+(?:\.\d+)?)([KMGT]?)/.exec(entry ?? "");
  if (!match) return 0;
  const factor = { "": 1 / 1024 ** 3, K: 1 / 1024 ** 2, M: 1 / 1024, G: 1, T: 1024 }[
    match[2] as "" | "K" | "M" | "G" | "T"
  ];
  return Number(match[1]) * factor;
}

export function withDiskSize(entry: string, sizeGb: number): string {
  const size = `size=${Number.isInteger(sizeGb) ? sizeGb : sizeGb.toFixed(2)}G`;
  return /(?:^|,)size=/.test(entry) ? entry.replace(/size=[^,]+/, size) : `${entry},${size}`;
}

export const diskKeyPattern = /^(scsi|virtio|sata|ide)\d+$/;

export function isDisk(key: string, value: string): boolean {
  return diskKeyPattern.test(key) && !/media=cdrom/.test(value) && !/cloudinit/.test(value);
}

export function totalDiskGb(config: Record<string, string>): number {
  return Object.entries(config)
    .filter(([key, value]) => isDisk(key, value))
    .reduce((total, [, value]) => total + diskSizeGb(value), 0);
}

export function memoryMb(config: Record<string, string>): number {
  const value = config.memory ?? "512";
  const match = /(?:^|current=)(\d+)/.exec(value);
  return match ? Number(match[1]) : 512;
}

/** A MAC address in Proxmox's own OUI range, stable for a VM and NIC. */
export function macFor(vmid: number, index: number): string {
  const bytes = [0xbc, 0x24, 0x11, (vmid >> 8) & 0xff, vmid & 0xff, index & 0xff];
  return bytes.map((byte) => byte.toString(16).padStart(2, "0").toUpperCase()).join(":");
}

const nicModels = /^(virtio|e1000|e1000e|rtl8139|vmxnet3|i82551|i82557b|i82559er|ne2k_isa|ne2k_pci|pcnet)$/;

/** A random MAC in Proxmox's OUI, as PVE gives a NIC that names none (and every NIC of a clone). */
export function randomMac(): string {
  const bytes = [0xbc, 0x24, 0x11, ...Array.from({ length: 3 }, () => Math.floor(Math.random() * 256))];
  return bytes.map((byte) => byte.toString(16).padStart(2, "0").toUpperCase()).join(":");
}

/** `virtio,bridge=vmbr0` → `virtio=BC:24:11:…,bridge=vmbr0`; a NIC that has a MAC keeps it unless renewed. */
export function withMac(entry: string, renew = false): string {
  const [head = "", ...rest] = entry.split(",");
  const [model = "", mac] = head.split("=");
  if (!nicModels.test(model)) return entry;
  if (mac && !renew) return entry;
  return [`${model}=${randomMac()}`, ...rest].join(",");
}

/** `agent: 1`, `agent: enabled=1,fstrim_cloned_disks=1`: QemuServer/Agent.pm parse_guest_agent (default key `enabled`). */
export function agentEnabled(config: Record<string, string>): boolean {
  const first = (config.agent ?? "").split(",")[0] ?? "";
  return first === "1" || first === "enabled=1";
}
