import { allJobs } from "@/lib/jobs/definitions";
import { createInngestFunction } from "./create-function";

/** Every Inngest function Roost serves: one per job in lib/jobs/definitions. */
export const functions = allJobs.map(createInngestFunction);
