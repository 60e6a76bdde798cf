import "server-only";
import { listBackupsOfVmsDeletedBefore } from "@/db/queries/backups";
import { systemActor } from "@/lib/audit/record-audit-event";
import { log } from "@/lib/log";
import { getSetting } from "@/lib/settings/settings";
import { removeBackupVolume } from "./manage-backups";

const DAY_MS = 86_400_000;

/**
 * Removes the backups of VMs deleted longer ago than `backup.lifecycle` keeps them; protected ones stay
 * until an admin lifts the protection. Until then, restoring one brings the VM back.
 */
export async function removeExpiredBackups(now = new Date()): Promise<{ removed: number; kept: number }> {
  const { keepDaysAfterDelete } = await getSetting("backup.lifecycle");
  const due = await listBackupsOfVmsDeletedBefore({
    deletedBefore: new Date(+now - keepDaysAfterDelete * DAY_MS),
  });
  let removed = 0;
  let kept = 0;
  for (const backup of due) {
    if (backup.protected || !backup.volid) {
      kept++;
      continue;
    }
    try {
      await removeBackupVolume(
        { ...backup, volid: backup.volid },
        {
          actor: systemActor,
          reason: `its VM was deleted more than ${keepDaysAfterDelete} days ago`,
        },
      );
      removed++;
    } catch (error) {
      kept++;
      log.warn({ err: error, backupId: backup.id }, "an expired backup was not removed");
    }
  }
  return { removed, kept };
}
