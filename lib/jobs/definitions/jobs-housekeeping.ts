import "server-only";
import { dropUnclaimedPasswords } from "@/db/queries/approvals";
import { deleteExpiredConsoleTickets } from "@/db/queries/console-tickets";
import { deleteCronSchedulesExcept } from "@/db/queries/cron-schedules";
import { deleteFinishedJobs } from "@/db/queries/jobs";
import { deleteFinishedWebhookDeliveries } from "@/db/queries/webhooks";
import { defineJob } from "../define-job";
import { cronJobIds } from "../job-registry";

const keepFinishedJobsForMs = 30 * 24 * 60 * 60 * 1000;
/** How long an approved VM's password waits, sealed, for its requester to look at it once. */
export const keepUnclaimedPasswordForMs = 7 * 24 * 60 * 60 * 1000;

export const jobsHousekeeping = defineJob({
  id: "jobs-housekeeping",
  description:
    "Deletes jobs that succeeded or were cancelled over 30 days ago, webhook deliveries finished as long ago, schedules of removed cron jobs, console tickets a day after they ended (the audit log keeps the sessions), and approved VMs' passwords their requester did not look at within 7 days.",
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
    await step.run("delete-old-webhook-deliveries", () =>
      deleteFinishedWebhookDeliveries({ createdBefore: new Date(Date.now() - keepFinishedJobsForMs) }),
    );
    const droppedPasswords = await step.run("drop-unclaimed-passwords", () =>
      dropUnclaimedPasswords({ decidedBefore: new Date(Date.now() - keepUnclaimedPasswordForMs) }),
    );
    return { deletedJobs, deletedSchedules, droppedPasswords };
  },
});
