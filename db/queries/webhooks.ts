import "server-only";
import { and, arrayContains, desc, eq, inArray, isNull, lt, sql } from "drizzle-orm";
import { type Executor, getDb } from "../client";
import { type WebhookDelivery, type WebhookEndpoint, webhookDeliveries, webhookEndpoints } from "../schema";

type NewEndpoint = typeof webhookEndpoints.$inferInsert;
type NewDelivery = typeof webhookDeliveries.$inferInsert;
export type DeliveryAttempt = WebhookDelivery["attempts"][number];

export async function insertWebhookEndpoint(endpoint: NewEndpoint, db: Executor = getDb()) {
  const [row] = await db.insert(webhookEndpoints).values(endpoint).returning();
  return row!;
}

export async function listWebhookEndpoints(db: Executor = getDb()): Promise<WebhookEndpoint[]> {
  return db.select().from(webhookEndpoints).orderBy(desc(webhookEndpoints.createdAt));
}

export async function getWebhookEndpoint(
  { id }: { id: string },
  db: Executor = getDb(),
): Promise<WebhookEndpoint | null> {
  const [row] = await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id)).limit(1);
  return row ?? null;
}

/** Enabled endpoints subscribed to the event type. */
export async function listSubscribedEndpoints(
  { eventType }: { eventType: string },
  db: Executor = getDb(),
): Promise<WebhookEndpoint[]> {
  return db
    .select()
    .from(webhookEndpoints)
    .where(and(isNull(webhookEndpoints.disabledAt), arrayContains(webhookEndpoints.eventTypes, [eventType])));
}

export async function setWebhookEndpointDisabled(
  { id, disabledAt }: { id: string; disabledAt: Date | null },
  db: Executor = getDb(),
): Promise<WebhookEndpoint | null> {
  const [row] = await db
    .update(webhookEndpoints)
    .set({ disabledAt })
    .where(eq(webhookEndpoints.id, id))
    .returning();
  return row ?? null;
}

export async function deleteWebhookEndpoint(
  { id }: { id: string },
  db: Executor = getDb(),
): Promise<WebhookEndpoint | null> {
  const [row] = await db.delete(webhookEndpoints).where(eq(webhookEndpoints.id, id)).returning();
  return row ?? null;
}

/** Adds a delivery once per endpoint and message id; null when that message was already there. */
export async function insertWebhookDelivery(
  delivery: NewDelivery,
  db: Executor = getDb(),
): Promise<WebhookDelivery | null> {
  const [row] = await db
    .insert(webhookDeliveries)
    .values(delivery)
    .onConflictDoNothing({ target: [webhookDeliveries.endpointId, webhookDeliveries.messageId] })
    .returning();
  return row ?? null;
}

export async function getWebhookDelivery(
  { id }: { id: string },
  db: Executor = getDb(),
): Promise<{ delivery: WebhookDelivery; endpoint: WebhookEndpoint } | null> {
  const [row] = await db
    .select({ delivery: webhookDeliveries, endpoint: webhookEndpoints })
    .from(webhookDeliveries)
    .innerJoin(webhookEndpoints, eq(webhookDeliveries.endpointId, webhookEndpoints.id))
    .where(eq(webhookDeliveries.id, id))
    .limit(1);
  return row ?? null;
}

/** Appends one attempt's answer and sets where the delivery stands after it. */
export async function recordWebhookAttempt(
  {
    id,
    attempt,
    status,
    nextAttemptAt,
  }: {
    id: string;
    attempt: DeliveryAttempt;
    status: WebhookDelivery["status"];
    nextAttemptAt: Date | null;
  },
  db: Executor = getDb(),
): Promise<WebhookDelivery | null> {
  const [row] = await db
    .update(webhookDeliveries)
    .set({
      attempts: sql`${webhookDeliveries.attempts} || ${JSON.stringify([attempt])}::jsonb`,
      status,
      nextAttemptAt,
      deliveredAt: status === "delivered" ? new Date(attempt.at) : null,
    })
    .where(eq(webhookDeliveries.id, id))
    .returning();
  return row ?? null;
}

export async function listWebhookDeliveries(
  { endpointId, limit = 50 }: { endpointId: string; limit?: number },
  db: Executor = getDb(),
): Promise<WebhookDelivery[]> {
  return db
    .select()
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.endpointId, endpointId))
    .orderBy(desc(webhookDeliveries.createdAt))
    .limit(limit);
}

/** Forgets delivered and failed deliveries made before the date; pending ones wait for their job. */
export async function deleteFinishedWebhookDeliveries(
  { createdBefore }: { createdBefore: Date },
  db: Executor = getDb(),
): Promise<number> {
  const rows = await db
    .delete(webhookDeliveries)
    .where(
      and(
        inArray(webhookDeliveries.status, ["delivered", "failed"]),
        lt(webhookDeliveries.createdAt, createdBefore),
      ),
    )
    .returning({ id: webhookDeliveries.id });
  return rows.length;
}
