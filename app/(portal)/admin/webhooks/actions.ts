"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { validatedAction } from "@/lib/actions/validated-action";
import { message } from "@/lib/i18n/message";
import { webhookEndpointInput } from "@/lib/webhooks/endpoint-input";
import {
  registerWebhookEndpoint,
  removeWebhookEndpoint,
  sendTestWebhook,
  setWebhookEndpointEnabled,
} from "@/lib/webhooks/endpoints";

const endpointId = z.uuid(message("adminWebhooks.errors.pickEndpoint"));

/** Registers an endpoint; its signing secret comes back this once and is never shown again. */
export const createWebhookEndpointAction = validatedAction(
  { name: "webhook.create", permission: "admin:write", input: webhookEndpointInput },
  async (input, { audit, user }) => {
    const { endpoint, secret } = await registerWebhookEndpoint(input, user.id);
    await audit({
      action: "webhook.create",
      target: { type: "webhook", id: endpoint.id },
      detail: { url: endpoint.url, eventTypes: endpoint.eventTypes, allowPrivate: endpoint.allowPrivate },
    });
    revalidatePath("/admin/webhooks");
    return { id: endpoint.id, secret };
  },
);

export const setWebhookEndpointEnabledAction = validatedAction(
  {
    name: "webhook.update",
    permission: "admin:write",
    input: z.object({ endpointId, enabled: z.boolean() }),
  },
  async ({ endpointId, enabled }, { audit }) => {
    const endpoint = await setWebhookEndpointEnabled(endpointId, enabled);
    await audit({
      action: enabled ? "webhook.enable" : "webhook.disable",
      target: { type: "webhook", id: endpoint.id },
      detail: { url: endpoint.url },
    });
    revalidatePath("/admin/webhooks");
    return { enabled };
  },
);

export const deleteWebhookEndpointAction = validatedAction(
  { name: "webhook.delete", permission: "admin:write", input: z.object({ endpointId }) },
  async ({ endpointId }, { audit }) => {
    const endpoint = await removeWebhookEndpoint(endpointId);
    await audit({
      action: "webhook.delete",
      target: { type: "webhook", id: endpoint.id },
      detail: { url: endpoint.url },
    });
    revalidatePath("/admin/webhooks");
    return { id: endpoint.id };
  },
);

export const sendTestWebhookAction = validatedAction(
  { name: "webhook.test", permission: "admin:write", input: z.object({ endpointId }) },
  async ({ endpointId }, { audit, user }) => {
    const delivery = await sendTestWebhook(endpointId, user.id);
    await audit({
      action: "webhook.test",
      target: { type: "webhook", id: endpointId },
      detail: { deliveryId: delivery.id },
    });
    revalidatePath(`/admin/webhooks/${endpointId}`);
    return { deliveryId: delivery.id };
  },
);
