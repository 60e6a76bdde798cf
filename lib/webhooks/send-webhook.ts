import "server-only";
import type { WebhookDelivery, WebhookEndpoint } from "@/db/schema";
import { getConfig } from "@/lib/config";
import { checkDeliveryAddress } from "./delivery-address";
import { postWebhook } from "./post-webhook";
import { openWebhookSecret, signWebhook } from "./signature";

export interface SendResult {
  /** The receiver's HTTP status; null when nothing was answered (or nothing sent). */
  status: number | null;
  error?: string;
  /** Trying again cannot help: the address is refused, the endpoint disabled, the secret unreadable. */
  final?: boolean;
}

function describeAnswer(status: number, excerpt: string): string {
  const said = excerpt.trim().replace(/\s+/g, " ").slice(0, 200);
  const base =
    status >= 300 && status < 400
      ? `Answered ${status}, a redirect; webhooks do not follow redirects`
      : `Answered ${status}`;
  return said ? `${base}: ${said}` : `${base}.`;
}

function describeFailure(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  const message = error instanceof Error ? error.message : String(error);
  return code && !message.includes(code) ? `${code}: ${message}` : message;
}

/**
 * Sends the delivery once, if its endpoint may still have it: the address is judged again (DNS may have
 * changed since registration) and the body signed with this moment's timestamp.
 */
export async function sendWebhook(delivery: WebhookDelivery, endpoint: WebhookEndpoint): Promise<SendResult> {
  if (endpoint.disabledAt) return { status: null, error: "The endpoint is disabled; not sent.", final: true };
  const check = await checkDeliveryAddress(endpoint.url, { allowPrivate: endpoint.allowPrivate });
  if (check.kind === "refused")
    return { status: null, error: `Refused, not sent: ${check.reason}`, final: true };
  if (check.kind === "unresolved") return { status: null, error: check.reason };
  let secret: string;
  try {
    secret = openWebhookSecret(getConfig(), endpoint);
  } catch (error) {
    return { status: null, error: describeFailure(error), final: true };
  }
  const body = JSON.stringify(delivery.payload);
  const timestamp = Math.floor(Date.now() / 1000);
  const headers = {
    "content-type": "application/json",
    "user-agent": "Roost-Webhooks/1",
    "webhook-id": delivery.messageId,
    "webhook-timestamp": String(timestamp),
    "webhook-signature": signWebhook({ secret, messageId: delivery.messageId, timestamp, body }),
  };
  try {
    const answer = await postWebhook({ url: check.url, address: check.addresses[0]!, headers, body });
    if (answer.status >= 200 && answer.status < 300) return { status: answer.status };
    return { status: answer.status, error: describeAnswer(answer.status, answer.excerpt) };
  } catch (error) {
    return { status: null, error: describeFailure(error) };
  }
}
