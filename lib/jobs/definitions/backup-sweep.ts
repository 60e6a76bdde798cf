import "server-only";
import { removeExpiredBackups } from "@/lib/backups/backup-lifecycle";
import { runDueSchedules } from "@/lib/backups/backup-schedules";
import { defineJob } from "../define-job";

export const backupSweepJob = defineJob({
  id: "backup-sweep",
  description:
    "Starts scheduled backups whose time has come and removes deleted VMs' backups past their keeping time.",
  trigger: { cron: "TZ=UTC */5 * * * *" },
  retries: 2,
  async handler({ step }) {
    const schedules = await step.run("schedules", () => runDueSchedules());
    const lifecycle = await step.run("lifecycle", () => removeExpiredBackups());
    return { ...schedules, ...lifecycle };
  },
});
