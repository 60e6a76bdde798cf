import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { webhookDeliveries } from "@/db/schema";
import { deliverWebhookJob } from "@/lib/jobs/definitions/deliver-webhook";
import { createEmbeddedRunner } from "@/lib/jobs/embedded-runner";
import { registerWebhookEndpoint } from "@/lib/webhooks/endpoints";
import { emitWebhookEvent } from "@/lib/webhooks/events";
import { benchPortal } from "./portal-fixtures";
import { median, percentile, round } from "./stats";

/**
 * Issue #19: what webhooks add to the paths that emit them (a power action, a lease sweep): time and
 * database statements per event with no endpoint and with three; then a batch of deliveries through
 * the embedded runner to a local receiver, each attempt's recorded duration.
 */
process.env.ROOST_SECRET_KEY ??= "bench-key-of-at-least-thirty-two-characters";
const portal = await benchPortal({ extraVms: 0 });
const receiver = createServer((request, response) => {
  request.resume();
  request.on("end", () => response.writeHead(204).end());
});
await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;

const vm = {
  id: "00000000-0000-4000-8000-000000000001",
  name: "bench-vm",
  ownerId: portal.user.id,
  clusterId: "default",
  node: "pve1",
  vmid: 100,
  state: "deleted",
  ipAddress: null,
};

async function emitMany(count: number) {
  const queriesBefore = portal.queries();
  const started = performance.now();
  for (let index = 0; index < count; index++) await emitWebhookEvent("vm.deleted", { vm, reason: "owner" });
  return {
    msPerEvent: round((performance.now() - started) / count, 3),
    queriesPerEvent: round((portal.queries() - queriesBefore) / count, 2),
  };
}

const events = 200;
const noEndpoint = await emitMany(events);
for (let index = 0; index < 3; index++)
  await registerWebhookEndpoint(
    { url, description: `bench ${index}`, eventTypes: ["vm.deleted"], allowPrivate: true },
    portal.user.id,
  );
const threeEndpoints = await emitMany(events);

const runner = createEmbeddedRunner({ jobs: [deliverWebhookJob], concurrency: 4 });
const started = performance.now();
const attempts = await runner.runUntilIdle();
const wallMs = performance.now() - started;
const rows = await portal.db.select().from(webhookDeliveries);
const durations = rows.flatMap((row) => row.attempts.map((attempt) => attempt.durationMs));

receiver.close();
await portal.close();
console.log(
  JSON.stringify({
    bench: "webhooks",
    emitNoEndpoint: noEndpoint,
    emitThreeEndpoints: threeEndpoints,
    deliveries: {
      count: rows.length,
      delivered: rows.filter((row) => row.status === "delivered").length,
      jobAttempts: attempts,
      perSecond: round(rows.length / (wallMs / 1000), 1),
      attemptMsMedian: median(durations),
      attemptMsP95: percentile(durations, 95),
    },
  }),
);
process.exit(0);
