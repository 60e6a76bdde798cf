import { z } from "zod";
import type { QuotaStatus } from "@/lib/quotas/effective-quota";
import { quotaMeters } from "@/lib/quotas/quota";

export const quotaMeterResource = z
  .object({
    limit: z.number().int().meta({ description: "The most allowed." }),
    used: z.number().int().meta({ description: "What your VMs hold now, running or not." }),
    left: z.number().int().meta({ description: "Limit minus used, never below 0." }),
    share: z.number().min(0).max(1).meta({ description: "How full, 0 to 1; a limit of 0 reads as 1." }),
  })
  .meta({ id: "QuotaMeter" });

/** The caller's quota, each dimension as the portal's quota bars show it. */
export const quotaResource = z
  .object({
    source: z
      .enum(["override", "groups", "default"])
      .meta({ description: "Where the limits come from: an admin's override, your groups, or the default." }),
    vms: quotaMeterResource,
    cores: quotaMeterResource,
    memoryMb: quotaMeterResource,
    diskGb: quotaMeterResource,
    snapshots: quotaMeterResource,
    backups: quotaMeterResource,
    backupGb: quotaMeterResource,
  })
  .meta({
    id: "Quota",
    description:
      "VMs, cores, snapshots and backups are counted; memory is in MiB, disk and backup space in GiB.",
  });

export function quotaResourceOf(status: QuotaStatus): z.infer<typeof quotaResource> {
  // A person's quota: the "project" source belongs to projects' own (resources/project.ts).
  return {
    source: status.source as "override" | "groups" | "default",
    ...quotaMeters(status.quota, status.usage),
  };
}
