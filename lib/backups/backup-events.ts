import { z } from "zod";
import { defineEvent } from "@/lib/jobs/define-job";

/** A backup was admitted by the quota; its record exists in state running and waits for vzdump. */
export const backupRequested = defineEvent("app/backup.requested", z.object({ backupId: z.uuid() }));

/** A restore was admitted: as a new VM (its record is provisioning) or over the backup's own VM. */
export const restoreRequested = defineEvent(
  "app/backup.restore-requested",
  z.object({
    backupId: z.uuid(),
    /** The VM the backup is restored into: a new record, or the backup's own VM. */
    vmId: z.uuid(),
    inPlace: z.boolean(),
    actorId: z.string().nullable(),
    actorLabel: z.string(),
    /** In place: the VM's size before, which it keeps when the restore fails. */
    before: z.object({ cores: z.number(), memoryMb: z.number(), diskGb: z.number() }).optional(),
  }),
);
