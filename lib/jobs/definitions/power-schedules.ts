import "server-only";
import { deliverPendingMail } from "@/lib/mail/deliver-mail";
import { endTerms } from "@/lib/schedules/end-of-term";
import { stopIdleVms } from "@/lib/schedules/idle-stop";
import { runScheduleEdges } from "@/lib/schedules/run-schedule-edges";
import { defineJob } from "../define-job";

export const powerSchedulesJob = defineJob({
  id: "power-schedules",
  description:
    "Every minute: starts and stops VMs at their class times, stops VMs left idle, and ends cohorts' terms.",
  trigger: { cron: "TZ=UTC * * * * *" },
  retries: 1,
  async handler({ step }) {
    // Each part claims what it acts on (an edge, a stop, a term), so a retried step repeats nothing.
    const edges = await step.run("schedule-edges", async () => (await runScheduleEdges()).length);
    const idle = await step.run("idle-stop", () => stopIdleVms());
    const terms = await step.run("end-of-term", () => endTerms());
    const mail = await step.run("deliver-mail", () => deliverPendingMail());
    return { edges, idle, terms, mail };
  },
});
