import "server-only";
import { restoreRequested } from "@/lib/backups/backup-events";
import { runRestore } from "@/lib/backups/run-restore";
import { defineJob } from "../define-job";

export const restoreBackupJob = defineJob({
  id: "restore-backup",
  description: "Restores a backup into a new VM or over its own VM, following the qmrestore task.",
  trigger: { event: restoreRequested },
  retries: 1,
  async handler({ event, step }) {
    return step.run("restore", () => runRestore(event.data));
  },
});
