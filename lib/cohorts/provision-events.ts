import { z } from "zod";
import { defineEvent } from "@/lib/jobs/define-job";

/** A class has seats waiting for their VMs: the batch makes them. */
export const cohortProvisionRequested = defineEvent(
  "app/cohort.provision-requested",
  z.object({ cohortId: z.uuid() }),
);
