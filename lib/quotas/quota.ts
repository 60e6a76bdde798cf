import { z } from "zod";
import type { Quota, Usage } from "@/db/schema";

export type { Quota, Usage };

const amount = (max: number) =>
  z
    .number({ error: "Enter a number." })
    .int("Use a whole number.")
    .min(0, "Use 0 or more; 0 allows none.")
    .max(max, "That is more than Roost can count.");

export const quotaSchema = z.object({
  vms: amount(10_000),
  cores: amount(100_000),
  memoryMb: amount(100_000_000),
  diskGb: amount(10_000_000),
  snapshots: amount(100_000),
}) satisfies z.ZodType<Quota>;

export const dimensions = ["vms", "cores", "memoryMb", "diskGb", "snapshots"] as const;
export type Dimension = (typeof dimensions)[number];

const describe: Record<Dimension, (n: number) => string> = {
  vms: (n) => `${n} VM${n === 1 ? "" : "s"}`,
  cores: (n) => `${n} core${n === 1 ? "" : "s"}`,
  memoryMb: (n) => (n % 1024 === 0 ? `${n / 1024} GiB of memory` : `${n} MiB of memory`),
  diskGb: (n) => `${n} GiB of disk`,
  snapshots: (n) => `${n} snapshot${n === 1 ? "" : "s"}`,
};

/** Each dimension's largest limit: a person in several groups gets the most generous of each. */
export function mostGenerous(quotas: Quota[]): Quota | null {
  if (quotas.length === 0) return null;
  return Object.fromEntries(dimensions.map((d) => [d, Math.max(...quotas.map((q) => q[d]))])) as Quota;
}

export function remaining(quota: Quota, usage: Usage): Quota {
  return Object.fromEntries(dimensions.map((d) => [d, Math.max(0, quota[d] - usage[d])])) as Quota;
}

/** What a request would take beyond the quota, one plain sentence per dimension; empty when it fits. */
export function shortfalls(quota: Quota, usage: Usage, request: Partial<Usage>): string[] {
  return dimensions.flatMap((d) => {
    const wanted = request[d] ?? 0;
    if (wanted <= 0 || usage[d] + wanted <= quota[d]) return [];
    const left = Math.max(0, quota[d] - usage[d]);
    return [
      `This needs ${describe[d](wanted)}, but you have ${describe[d](left)} left of ${describe[d](quota[d])}.`,
    ];
  });
}

/** A quota as the admin forms send it; also the input of the actions that save one. */
export const quotaInput = z.object({ quota: quotaSchema });
