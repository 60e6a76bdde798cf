import "server-only";
import { createHash } from "node:crypto";
import { insertWebhookDelivery, listSubscribedEndpoints } from "@/db/queries/webhooks";
import type { WebhookDelivery, WebhookEndpoint } from "@/db/schema";
import { enqueue } from "@/lib/jobs/enqueue";
import { log } from "@/lib/log";
import { webhookDeliveryRequested } from "./delivery-events";
import {
  type WebhookEventDataOf,
  type WebhookEventType,
  type WebhookPayload,
  webhookEventData,
} from "./event-types";
import { newMessageId } from "./signature";

export { type WebhookEventType, webhookEventTypes } from "./event-types";

export interface EmitOptions {
  /**
   * Names the occurrence, for events a retried job might report twice (the VM's creation, a lease
   * notice): the same key gives the same `webhook-id`, and an endpoint gets it once.
   */
  key?: string;
}

const messageIdFor = (key: string) =>
  `msg_${createHash("sha256").update(key).digest("base64url").slice(0, 24)}`;

/** Records one delivery to one endpoint and asks the job system to send it; null when it was there. */
export async function queueWebhookDelivery(
  endpoint: WebhookEndpoint,
  payload: WebhookPayload,
  messageId = newMessageId(),
): Promise<WebhookDelivery | null> {
  const delivery = await insertWebhookDelivery({
    endpointId: endpoint.id,
    messageId,
    eventType: payload.type,
    payload,
    nextAttemptAt: new Date(),
  });
  if (!delivery) return null;
  await enqueue(
    webhookDeliveryRequested,
    { deliveryId: delivery.id },
    { idempotencyKey: `webhook:${delivery.id}` },
  );
  return delivery;
}

/**
 * Tells every enabled endpoint subscribed to `type` that it happened: one delivery each, sent by the
 * deliver-webhook job. Never throws: a webhook problem is logged and must not fail the caller's work.
 */
export async function emitWebhookEvent<T extends WebhookEventType>(
  type: T,
  data: WebhookEventDataOf<T>,
  options: EmitOptions = {},
): Promise<void> {
  try {
    const parsed = webhookEventData[type].parse(data) as Record<string, unknown>;
    const endpoints = await listSubscribedEndpoints({ eventType: type });
    if (endpoints.length === 0) return;
    const payload: WebhookPayload = { type, timestamp: new Date().toISOString(), data: parsed };
    const messageId = options.key ? messageIdFor(`${type}:${options.key}`) : newMessageId();
    for (const endpoint of endpoints) {
      // One endpoint's trouble must not keep the event from the others.
      await queueWebhookDelivery(endpoint, payload, messageId).catch((error: unknown) =>
        log.error({ err: error, eventType: type, endpointId: endpoint.id }, "could not queue a webhook"),
      );
    }
  } catch (error) {
    log.error({ err: error, eventType: type }, "could not queue a webhook event");
  }
}
