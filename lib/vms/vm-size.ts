import { z } from "zod";
import type { SettingValue } from "@/lib/settings/registry";

export type VmLimits = SettingValue<"vm.limits">;

/** The part of the limits that bounds one VM's size. */
export type SizeLimits = Pick<
  VmLimits,
  "minCores" | "maxCores" | "minMemoryMb" | "maxMemoryMb" | "minDiskGb" | "maxDiskGb"
>;

export interface VmSize {
  cores: number;
  memoryMb: number;
  diskGb: number;
}

/** The sizes a member may pick for one VM, with messages that name the allowed range. */
export function vmSizeSchema(limits: SizeLimits) {
  const range = (what: string, min: number, max: number, amounts: string) =>
    z
      .number({ message: `Enter the ${what} as a whole number.` })
      .int(`Enter the ${what} as a whole number.`)
      .min(min, `Pick between ${min} and ${max} ${amounts}.`)
      .max(max, `Pick between ${min} and ${max} ${amounts}.`);
  return z.object({
    cores: range("cores", limits.minCores, limits.maxCores, "cores"),
    memoryMb: range("memory", limits.minMemoryMb, limits.maxMemoryMb, "MiB of memory"),
    diskGb: range("disk", limits.minDiskGb, limits.maxDiskGb, "GiB of disk"),
  });
}
