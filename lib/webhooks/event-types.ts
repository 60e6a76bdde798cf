import { z } from "zod";

/** The VM as a webhook names it: enough to find it in the portal or the API, nothing secret. */
export const webhookVm = z.object({
  id: z.string(),
  name: z.string(),
  ownerId: z.string(),
  clusterId: z.string(),
  node: z.string().nullable(),
  vmid: z.number().int().nullable(),
  state: z.string(),
  ipAddress: z.string().nullable(),
});
export type WebhookVm = z.infer<typeof webhookVm>;

const vmState = z.enum(["running", "stopped", "paused", "missing"]);

/** Each event an endpoint can subscribe to, with the `data` its payload carries. */
export const webhookEventData = {
  "vm.created": z.object({ vm: webhookVm }),
  "vm.state_changed": z.object({
    vm: webhookVm,
    previousState: z.string().nullable(),
    state: vmState,
    /** What noticed the change: a power action in the portal or the API, or a look at the cluster. */
    source: z.enum(["portal", "reconcile", "poll"]),
  }),
  "vm.lease_reminded": z.object({
    vm: webhookVm,
    leaseExpiresAt: z.iso.datetime(),
    daysLeft: z.number().int(),
  }),
  "vm.stopped_at_expiry": z.object({
    vm: webhookVm,
    leaseExpiresAt: z.iso.datetime(),
    deleteAt: z.iso.datetime(),
  }),
  "vm.deleted": z.object({ vm: webhookVm, reason: z.enum(["owner", "admin", "lease", "recreate"]) }),
  "vm.backed_up": z.object({
    vm: webhookVm,
    backup: z.object({
      id: z.string(),
      sizeBytes: z.number().int(),
      origin: z.enum(["manual", "schedule", "safety"]),
      storage: z.string(),
    }),
  }),
  "vm.restored": z.object({ vm: webhookVm, backupId: z.string(), into: z.enum(["new", "in-place"]) }),
  "request.approved": z.object({
    request: z.object({
      id: z.string(),
      kind: z.enum(["vm", "quota"]),
      requesterId: z.string(),
      projectId: z.string().nullable(),
    }),
    /** The VM an approved VM request made; null for a quota request. */
    vm: webhookVm.nullable(),
  }),
} as const;

export type WebhookEventType = keyof typeof webhookEventData;
export type WebhookEventDataOf<T extends WebhookEventType> = z.input<(typeof webhookEventData)[T]>;

export const webhookEventTypes = Object.keys(webhookEventData) as WebhookEventType[];

/** Sent only by an admin's "send test event", to the one endpoint chosen; nobody subscribes to it. */
export const testEventType = "webhook.test";

export const webhookEventLabels: Record<WebhookEventType, string> = {
  "vm.created": "VM created (provisioned and running)",
  "vm.state_changed": "VM state changed",
  "vm.lease_reminded": "Lease reminder sent",
  "vm.stopped_at_expiry": "VM stopped at lease expiry",
  "vm.deleted": "VM deleted",
  "vm.backed_up": "VM backed up",
  "vm.restored": "VM restored from a backup",
  "request.approved": "Request beyond a quota approved",
};

/** The body of every delivery, as Standard Webhooks suggests: the type, when it happened, its data. */
export interface WebhookPayload {
  type: WebhookEventType | typeof testEventType;
  timestamp: string;
  data: Record<string, unknown>;
}
