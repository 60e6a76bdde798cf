import { z } from "zod";
import { message } from "@/lib/i18n/message";
import { type WebhookEventType, webhookEventTypes } from "./event-types";

const httpUrl = z
  .string()
  .trim()
  .min(1, message("validation.webhooks.enterUrlReceives"))
  .max(2000, message("validation.webhooks.keepUrlUnder"))
  .refine((value) => {
    try {
      return ["http:", "https:"].includes(new URL(value).protocol);
    } catch {
      return false;
    }
  }, "Enter an http or https URL, like https://ci.example.org/hooks/roost.");

/** What an admin types to register an endpoint; the address itself is judged on the server. */
export const webhookEndpointInput = z.object({
  url: httpUrl,
  description: z.string().trim().max(200, message("validation.webhooks.keepDescriptionUnder")),
  eventTypes: z
    .array(z.enum(webhookEventTypes as [WebhookEventType, ...WebhookEventType[]]))
    .min(1, message("validation.webhooks.pickLeastOne"))
    .transform((types) => [...new Set(types)]),
  allowPrivate: z.boolean(),
});

export type WebhookEndpointInput = z.output<typeof webhookEndpointInput>;
export type WebhookEndpointFormValues = z.input<typeof webhookEndpointInput>;
