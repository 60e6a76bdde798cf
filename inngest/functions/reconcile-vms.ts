import { reconcileVmsJob } from "@/lib/jobs/definitions/reconcile-vms";
import { createInngestFunction } from "../create-function";

export const reconcileVmsFunction = createInngestFunction(reconcileVmsJob);
