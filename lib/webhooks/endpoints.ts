import "server-only";
import { randomUUID } from "node:crypto";
import {
  deleteWebhookEndpoint,
  getWebhookEndpoint,
  insertWebhookEndpoint,
  setWebhookEndpointDisabled,
} from "@/db/queries/webhooks";
import type { WebhookDelivery, WebhookEndpoint } from "@/db/schema";
import { getConfig } from "@/lib/config";
import { SecretBoxError } from "@/lib/crypto/secret-box";
import { conflict, invalid, notFound } from "@/lib/errors";
import { message } from "@/lib/i18n/message";
import { checkDeliveryAddress } from "./delivery-address";
import type { WebhookEndpointInput } from "./endpoint-input";
import { testEventType } from "./event-types";
import { queueWebhookDelivery } from "./events";
import { generateWebhookSecret, sealWebhookSecret } from "./signature";

/**
 * Registers an endpoint after judging its address as deliveries will; returns its signing secret, which
 * is shown once and kept only sealed.
 */
export async function registerWebhookEndpoint(
  input: WebhookEndpointInput,
  createdBy: string,
): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
  const check = await checkDeliveryAddress(input.url, { allowPrivate: input.allowPrivate });
  if (check.kind !== "allowed") throw invalid(check.reason, "url");
  const id = randomUUID();
  const secret = generateWebhookSecret();
  const endpoint = await insertWebhookEndpoint({
    id,
    url: check.url.toString(),
    description: input.description,
    eventTypes: input.eventTypes,
    allowPrivate: input.allowPrivate,
    secretSealed: sealed(id, secret),
    createdBy,
  });
  return { endpoint, secret };
}

function sealed(id: string, secret: string): string {
  try {
    return sealWebhookSecret(getConfig(), id, secret);
  } catch (error) {
    if (error instanceof SecretBoxError) throw conflict(message("errors.webhooks.secretKeyMissing"));
    throw error;
  }
}

export async function setWebhookEndpointEnabled(id: string, enabled: boolean): Promise<WebhookEndpoint> {
  const endpoint = await setWebhookEndpointDisabled({ id, disabledAt: enabled ? null : new Date() });
  if (!endpoint) throw notFound(message("errors.webhooks.noSuchEndpoint"));
  return endpoint;
}

/** Deletes the endpoint and its delivery history; deliveries still waiting are dropped. */
export async function removeWebhookEndpoint(id: string): Promise<WebhookEndpoint> {
  const endpoint = await deleteWebhookEndpoint({ id });
  if (!endpoint) throw notFound(message("errors.webhooks.noSuchEndpoint"));
  return endpoint;
}

/** Queues a `webhook.test` delivery to this endpoint alone, signed and retried like any other. */
export async function sendTestWebhook(id: string, sentBy: string): Promise<WebhookDelivery> {
  const endpoint = await getWebhookEndpoint({ id });
  if (!endpoint) throw notFound(message("errors.webhooks.noSuchEndpoint"));
  if (endpoint.disabledAt) throw conflict(message("errors.webhooks.disabled"));
  const delivery = await queueWebhookDelivery(endpoint, {
    type: testEventType,
    timestamp: new Date().toISOString(),
    data: { endpointId: endpoint.id, sentBy, message: "A test event from Roost." },
  });
  return delivery!;
}
