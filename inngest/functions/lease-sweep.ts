import { deliverMailJob, leaseSweepJob } from "@/lib/jobs/definitions/lease-sweep";
import { createInngestFunction } from "../create-function";

export const leaseSweepFunction = createInngestFunction(leaseSweepJob);
export const deliverMailFunction = createInngestFunction(deliverMailJob);
