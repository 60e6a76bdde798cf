import { z } from "zod";
import { defineEvent } from "@/lib/jobs/define-job";

/** A webhook delivery was recorded and waits for its first attempt. */
export const webhookDeliveryRequested = defineEvent(
  "app/webhook.delivery-requested",
  z.object({ deliveryId: z.uuid() }),
);
