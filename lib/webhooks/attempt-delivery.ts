import "server-only";
import { performance } from "node:perf_hooks";
import { type DeliveryAttempt, getWebhookDelivery, recordWebhookAttempt } from "@/db/queries/webhooks";
import { log } from "@/lib/log";
import { sendWebhook } from "./send-webhook";

export const maxDeliveryAttempts = 8;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** The wait after each failed attempt but the last: Standard Webhooks' suggested schedule, about a day. */
export const retryDelaysMs = [5_000, 5 * MINUTE, 30 * MINUTE, 2 * HOUR, 5 * HOUR, 10 * HOUR, 10 * HOUR];

/** Where a delivery stands after an attempt: "retry" waits and tries again; "gone" was deleted. */
export type AttemptOutcome = "delivered" | "retry" | "failed" | "gone";

/**
 * Makes attempt `attempt` (from 1) of one delivery and appends its answer (status or error, and how long
 * it took) to the delivery. A 2xx delivers; a refused address or a disabled endpoint fails the delivery
 * at once; anything else waits for the next attempt, until the last.
 */
export async function attemptWebhookDelivery(deliveryId: string, attempt: number): Promise<AttemptOutcome> {
  const found = await getWebhookDelivery({ id: deliveryId });
  if (!found) return "gone";
  const { delivery, endpoint } = found;
  if (delivery.status !== "pending") return delivery.status;

  const at = new Date();
  const started = performance.now();
  const result = await sendWebhook(delivery, endpoint);
  const durationMs = Math.round(performance.now() - started);

  const delivered = result.status !== null && result.status >= 200 && result.status < 300;
  const retryIn = attempt < maxDeliveryAttempts && !result.final ? retryDelaysMs[attempt - 1] : undefined;
  const status = delivered ? "delivered" : retryIn === undefined ? "failed" : "pending";
  const record: DeliveryAttempt = {
    at: at.toISOString(),
    status: result.status,
    durationMs,
    ...(result.error ? { error: result.error } : {}),
  };
  const nextAttemptAt = retryIn !== undefined && !delivered ? new Date(Date.now() + retryIn) : null;
  const saved = await recordWebhookAttempt({ id: delivery.id, attempt: record, status, nextAttemptAt });
  if (!saved) return "gone";
  if (!delivered)
    log.warn(
      { deliveryId, endpointId: endpoint.id, attempt, status, error: result.error },
      "a webhook delivery attempt failed",
    );
  return status === "pending" ? "retry" : status;
}
