import "server-only";
import { getBackupById } from "@/db/queries/backups";
import { backupRequested } from "@/lib/backups/backup-events";
import { pruneScheduledBackups } from "@/lib/backups/backup-schedules";
import { runBackup } from "@/lib/backups/run-backup";
import { defineJob } from "../define-job";

export const runBackupJob = defineJob({
  id: "run-backup",
  description: "Runs a backup's vzdump and follows it; a scheduled one then applies the VM's retention.",
  trigger: { event: backupRequested },
  // A run records its own failure; attempts are for restarts, which resume following the same task.
  retries: 3,
  async handler({ event, step }) {
    const outcome = await step.run("vzdump", () => runBackup(event.data.backupId));
    const backup = await getBackupById({ id: event.data.backupId });
    const pruned =
      outcome.state === "done" && backup?.origin === "schedule"
        ? await step.run("retention", () => pruneScheduledBackups(backup.vmId))
        : 0;
    return { ...outcome, pruned };
  },
});
