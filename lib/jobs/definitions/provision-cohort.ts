import "server-only";
import { hasEarlierCohortBatch } from "@/db/queries/jobs";
import { provisionCohort } from "@/lib/cohorts/provision-cohort";
import { cohortProvisionRequested } from "@/lib/cohorts/provision-events";
import { defineJob } from "../define-job";

export const provisionCohortJob = defineJob({
  id: "provision-cohort",
  description:
    "Makes the VMs of a class's waiting seats, a few clones at a time per storage; resumes after a restart.",
  trigger: { event: cohortProvisionRequested },
  // Seats fail with their reasons on their own; attempts are for restarts.
  retries: 3,
  // One batch of a class at a time, also across replicas under Inngest.
  onePerEventField: "cohortId",
  async handler({ event, step, runId }) {
    const { cohortId } = event.data;
    // In the embedded runner, one batch of a class at a time (the earliest first): two would both take up
    // a seat left half-made.
    for (let turn = 0; await hasEarlierCohortBatch({ cohortId, runId }); turn++)
      await step.sleep(`wait-for-earlier-batch-${turn}`, 2000);
    return provisionCohort(cohortId, (id, fn) => step.run(id, fn));
  },
});
