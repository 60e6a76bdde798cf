import type { AnyJobDefinition } from "../define-job";
import { jobsHousekeeping } from "./jobs-housekeeping";
import { deliverMailJob, leaseSweepJob } from "./lease-sweep";
import { provisionIsoVmJob } from "./provision-iso-vm";
import { provisionVmJob } from "./provision-vm";
import { reconcileVmsJob } from "./reconcile-vms";

/**
 * Every durable job Roost runs. Adding one: write its definition (here or in its domain folder), list it
 * below, and add its thin Inngest wrapper in inngest/functions/ (a test checks the two lists agree).
 */
export const allJobs: AnyJobDefinition[] = [
  jobsHousekeeping,
  reconcileVmsJob,
  provisionVmJob,
  provisionIsoVmJob,
  leaseSweepJob,
  deliverMailJob,
];
