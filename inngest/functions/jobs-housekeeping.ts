import { jobsHousekeeping } from "@/lib/jobs/definitions/jobs-housekeeping";
import { createInngestFunction } from "../create-function";

export const jobsHousekeepingFunction = createInngestFunction(jobsHousekeeping);
