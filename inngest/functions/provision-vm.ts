import { provisionVmJob } from "@/lib/jobs/definitions/provision-vm";
import { createInngestFunction } from "../create-function";

export const provisionVmFunction = createInngestFunction(provisionVmJob);
