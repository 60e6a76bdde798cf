import type { AnyJobDefinition } from "../define-job";
import { backupSweepJob } from "./backup-sweep";
import { deliverMailJob } from "./deliver-mail";
import { deliverWebhookJob } from "./deliver-webhook";
import { jobsHousekeeping } from "./jobs-housekeeping";
import { leaseSweepJob } from "./lease-sweep";
import { powerSchedulesJob } from "./power-schedules";
import { provisionCohortJob } from "./provision-cohort";
import { provisionIsoVmJob } from "./provision-iso-vm";
import { provisionVmJob } from "./provision-vm";
import { reconcileVmsJob } from "./reconcile-vms";
import { restoreBackupJob } from "./restore-backup";
import { runBackupJob } from "./run-backup";

/**
 * Every durable job Roost runs, on the embedded runner or as Inngest functions (inngest/index.ts derives
 * them from this list). Adding one: write its definition here and list it below.
 */
export const allJobs: AnyJobDefinition[] = [
  jobsHousekeeping,
  reconcileVmsJob,
  provisionVmJob,
  provisionIsoVmJob,
  provisionCohortJob,
  leaseSweepJob,
  deliverMailJob,
  deliverWebhookJob,
  runBackupJob,
  restoreBackupJob,
  backupSweepJob,
  powerSchedulesJob,
];
