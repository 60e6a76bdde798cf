import { jobsHousekeepingFunction } from "./functions/jobs-housekeeping";
import { deliverMailFunction, leaseSweepFunction } from "./functions/lease-sweep";
import { provisionIsoVmFunction } from "./functions/provision-iso-vm";
import { provisionVmFunction } from "./functions/provision-vm";
import { reconcileVmsFunction } from "./functions/reconcile-vms";

/** Every Inngest function Roost serves; one per job in lib/jobs/definitions (a test checks they agree). */
export const functions = [
  jobsHousekeepingFunction,
  reconcileVmsFunction,
  provisionVmFunction,
  provisionIsoVmFunction,
  leaseSweepFunction,
  deliverMailFunction,
];
