import { provisionIsoVmJob } from "@/lib/jobs/definitions/provision-iso-vm";
import { createInngestFunction } from "../create-function";

export const provisionIsoVmFunction = createInngestFunction(provisionIsoVmJob);
