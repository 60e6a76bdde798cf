import type { AnyJobDefinition } from "../define-job";
import { deliverMailJob } from "./deliver-mail";
import { jobsHousekeeping } from "./jobs-housekeeping";
import { leaseSweepJob } from "./lease-sweep";
import { provisionIsoVmJob } from "./provision-iso-vm";
import { provisionVmJob } from "./provision-vm";
import { reconcileVmsJob } from "./reconcile-vms";

/**
 * Every durable job Roost runs, on the embedded runner or as Inngest functions (inngest/index.ts derives
 * them from this list). Adding one: write its definition here and list it below.
 */
export const allJobs: AnyJobDefinition[] = [
  jobsHousekeeping,
  reconcileVmsJob,
  provisionVmJob,
  provisionIsoVmJob,
  leaseSweepJob,
  deliverMailJob,
];
