import "server-only";
import { attemptWebhookDelivery, maxDeliveryAttempts, retryDelaysMs } from "@/lib/webhooks/attempt-delivery";
import { webhookDeliveryRequested } from "@/lib/webhooks/delivery-events";
import { defineJob } from "../define-job";

export const deliverWebhookJob = defineJob({
  id: "deliver-webhook",
  description: "Sends one signed webhook, retrying failures with back-off for about a day.",
  trigger: { event: webhookDeliveryRequested },
  // An attempt records its own failure and never throws for one; job retries are for the database or a restart.
  retries: 3,
  async handler({ event, step }) {
    const { deliveryId } = event.data;
    for (let attempt = 1; attempt <= maxDeliveryAttempts; attempt++) {
      const outcome = await step.run(`attempt-${attempt}`, () => attemptWebhookDelivery(deliveryId, attempt));
      if (outcome !== "retry") return { outcome, attempts: attempt };
      // A durable wait: the runner (or Inngest) puts the job aside and resumes it, across restarts.
      await step.sleep(`back-off-${attempt}`, retryDelaysMs[attempt - 1]!);
    }
    return { outcome: "failed", attempts: maxDeliveryAttempts };
  },
});
