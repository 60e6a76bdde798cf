import { z } from "zod";
import type { Quota, Usage } from "@/db/schema";
import { message } from "@/lib/i18n/message";

export type { Quota, Usage };

const amount = (max: number) =>
  z
    .number({ error: message("validation.quota.enterNumber") })
    .int(message("validation.quota.useWholeNumber"))
    .min(0, message("validation.quota.useMoreAllows"))
    .max(max, message("validation.quota.moreThanRoost"));

export const quotaSchema = z.object({
  vms: amount(10_000),
  cores: amount(100_000),
  memoryMb: amount(100_000_000),
  diskGb: amount(10_000_000),
  snapshots: amount(100_000),
  // Forms and API clients from before backups existed send no backup limits; they keep the defaults.
  backups: amount(100_000).default(10),
  backupGb: amount(10_000_000).default(100),
}) satisfies z.ZodType<Quota>;

export const dimensions = ["vms", "cores", "memoryMb", "diskGb", "snapshots", "backups", "backupGb"] as const;
export type Dimension = (typeof dimensions)[number];

// Memory is said in GiB when whole, else MiB; the catalog's sentence takes the figure with its unit.
const memoryFigure = (mib: number) => (mib % 1024 === 0 ? `${mib / 1024} GiB` : `${mib} MiB`);

/** Each dimension's largest limit: a person in several groups gets the most generous of each. */
export function mostGenerous(quotas: Quota[]): Quota | null {
  if (quotas.length === 0) return null;
  return Object.fromEntries(dimensions.map((d) => [d, Math.max(...quotas.map((q) => q[d]))])) as Quota;
}

export function remaining(quota: Quota, usage: Usage): Quota {
  return Object.fromEntries(dimensions.map((d) => [d, Math.max(0, quota[d] - usage[d])])) as Quota;
}

export interface QuotaMeter {
  limit: number;
  used: number;
  left: number;
  /** How full, from 0 to 1; a limit of 0 reads as full. */
  share: number;
}

/** Each dimension as the quota bars show it (and the API reports it). */
export function quotaMeters(quota: Quota, usage: Usage): Record<Dimension, QuotaMeter> {
  return Object.fromEntries(
    dimensions.map((d) => {
      const limit = quota[d];
      const used = usage[d];
      return [
        d,
        { limit, used, left: Math.max(0, limit - used), share: limit === 0 ? 1 : Math.min(1, used / limit) },
      ];
    }),
  ) as Record<Dimension, QuotaMeter>;
}

/**
 * What a request would take beyond the quota, one sentence (a catalog token) per dimension; empty when it
 * fits. `holder` says whose quota it is: the person's own, or their project's.
 */
export function shortfalls(
  quota: Quota,
  usage: Usage,
  request: Partial<Usage>,
  holder: "you" | "project" = "you",
): string[] {
  return dimensions.flatMap((d) => {
    const wanted = request[d] ?? 0;
    if (wanted <= 0 || usage[d] + wanted <= quota[d]) return [];
    const left = Math.max(0, quota[d] - usage[d]);
    const figures =
      d === "memoryMb"
        ? { wanted: memoryFigure(wanted), left: memoryFigure(left), limit: memoryFigure(quota[d]) }
        : { wanted, left, limit: quota[d] };
    return [message(`errors.quota.shortfall.${d}`, { ...figures, holder })];
  });
}

/** A quota as the admin forms send it; also the input of the actions that save one. */
export const quotaInput = z.object({ quota: quotaSchema });
