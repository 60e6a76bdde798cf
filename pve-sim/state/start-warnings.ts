import type { SimVm } from "./model";

/**
 * What `qm start` warns about and still starts, each counted into the task's WARNINGS: an OVMF VM
 * without an EFI disk boots on temporary EFI vars (qemu-server master QemuServer/OVMF.pm, 8.4
 * stable-bookworm QemuServer.pm config_to_command: log_warn "no efidisk configured! …").
 */
export function startWarnings(vm: SimVm): string[] {
  return vm.config.bios === "ovmf" && !vm.config.efidisk0
    ? ["WARN: no efidisk configured! Using temporary efivars disk."]
    : [];
}
