import "server-only";
import { deleteExpiredConsoleTickets } from "@/db/queries/console-tickets";
import { deleteCronSchedulesExcept } from "@/db/queries/cron-schedules";
import { deleteFinishedJobs } from "@/db/queries/jobs";
import { defineJob } from "../define-job";
import { cronJobIds } from "../job-registry";

const keepFinishedJobsForMs = 30 * 24 * 60 * 60 * 1000;

export const jobsHousekeeping = defineJob({
  id: "jobs-housekeeping",
  description:
    "Deletes jobs that succeeded or were cancelled over 30 days ago, schedules of removed cron jobs, and console tickets a day after they ended (the audit log keeps the sessions).",
  trigger: { cron: "TZ=UTC 0 * * * *" },
  retries: 2,
  async handler({ step }) {
    // Failed jobs are kept: they are what an admin looks at to find out what went wrong.
    const deletedJobs = await step.run("delete-old-jobs", () =>
      deleteFinishedJobs({
        states: ["succeeded", "cancelled"],
        finishedBefore: new Date(Date.now() - keepFinishedJobsForMs),
      }),
    );
    const deletedSchedules = await step.run("delete-removed-schedules", () =>
      deleteCronSchedulesExcept({ functionIds: cronJobIds() }),
    );
    await step.run("delete-old-console-tickets", () =>
      deleteExpiredConsoleTickets({ before: new Date(Date.now() - 24 * 60 * 60 * 1000) }),
    );
    return { deletedJobs, deletedSchedules };
  },
});
