import "server-only";
import { deliverPendingMail } from "@/lib/mail/deliver-mail";
import { defineJob } from "../define-job";

export const deliverMailJob = defineJob({
  id: "deliver-mail",
  description: "Sends queued e-mail through Resend, retrying failures with back-off.",
  trigger: { cron: "TZ=UTC */5 * * * *" },
  retries: 0,
  async handler({ step }) {
    return step.run("deliver", () => deliverPendingMail());
  },
});
