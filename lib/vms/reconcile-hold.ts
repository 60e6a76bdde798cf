import "server-only";
import { z } from "zod";
import { deleteSettingRow, readSettingRow, writeSettingRow } from "@/db/queries/settings";
import { recordAuditEvent, systemActor } from "@/lib/audit/record-audit-event";

/**
 * Why reconciliation left a cluster's records alone although VMs looked gone, kept until a run finds
 * nothing to hold. It lives beside the settings (one row per cluster) rather than in a table of its own:
 * it is one small current state per cluster, not history; the audit log keeps the history.
 */
const holdSchema = z.object({
  reason: z.string(),
  /** How many VMs it would have marked missing (and whose addresses it would have freed). */
  vms: z.number().int().min(0),
  /** One line per VM held, name and why, at most `MAX_DETAILS`. */
  details: z.array(z.string()),
  since: z.iso.datetime(),
  checkedAt: z.iso.datetime(),
});

export type ReconcileHold = z.infer<typeof holdSchema>;

const MAX_DETAILS = 20;
const keyOf = (clusterId: string) => `reconcile.held.${clusterId}`;

export async function getReconcileHold(clusterId: string): Promise<ReconcileHold | null> {
  const parsed = holdSchema.safeParse(await readSettingRow({ key: keyOf(clusterId) }));
  return parsed.success ? parsed.data : null;
}

/**
 * Records this run's verdict for one cluster. The audit log gets an entry when a hold begins, when its
 * reason changes and when it ends, not on every five-minute run.
 */
export async function recordReconcileOutcome(
  clusterId: string,
  hold: { reason: string; vms: number; details: string[] } | null,
  now = new Date(),
): Promise<void> {
  const previous = await getReconcileHold(clusterId);
  const target = { type: "cluster", id: clusterId };
  if (!hold) {
    if (!(await deleteSettingRow({ key: keyOf(clusterId) })) || !previous) return;
    await recordAuditEvent({
      actor: systemActor,
      action: "reconcile.resume",
      target,
      result: "success",
      detail: { heldSince: previous.since },
    });
    return;
  }
  const value: ReconcileHold = {
    ...hold,
    details: hold.details.slice(0, MAX_DETAILS),
    since: previous && previous.reason === hold.reason ? previous.since : now.toISOString(),
    checkedAt: now.toISOString(),
  };
  await writeSettingRow({ key: keyOf(clusterId), value, updatedBy: null });
  if (previous?.reason === hold.reason) return;
  await recordAuditEvent({
    actor: systemActor,
    action: "reconcile.hold",
    target,
    result: "failure",
    detail: { reason: hold.reason, vms: hold.vms, details: value.details },
  });
}

/** The line admins read: what was held back, why, and how many VMs it left alone. */
export function describeHold(hold: Pick<ReconcileHold, "reason" | "vms">): string {
  const count = hold.vms === 1 ? "1 VM" : `${hold.vms} VMs`;
  return `Reconciliation held back: ${hold.reason} ${count} kept as recorded: none marked missing, no address freed.`;
}
