import "server-only";
import type { Executor } from "@/db/client";
import { insertVmEvent } from "@/db/queries/vm-events";
import type { AuditActor } from "@/lib/audit/record-audit-event";
import { writeAndPublishVm } from "@/lib/live/portal-changes";

export type VmEventKind =
  | "created"
  | "provisioning"
  | "started"
  | "stopped"
  | "rebooted"
  | "suspended"
  | "resumed"
  | "resized"
  | "snapshot"
  | "backup"
  | "restore"
  | "renewed"
  | "lease"
  | "reminded"
  | "deleted"
  | "failed"
  | "reconciled"
  | "console"
  | "media"
  | "shared"
  | "unshared"
  | "share_use";

/**
 * Adds a line to the VM's timeline, inside the caller's transaction when given one. Outside one, open pages
 * learn of the VM's record as it is now; a caller with a transaction publishes after its commit.
 */
export async function recordVmEvent(
  entry: {
    vmId: string;
    kind: VmEventKind;
    message: string;
    actor: AuditActor;
    detail?: Record<string, unknown>;
  },
  db?: Executor,
): Promise<void> {
  const event = {
    vmId: entry.vmId,
    kind: entry.kind,
    message: entry.message,
    actorId: entry.actor.id,
    actorLabel: entry.actor.label,
    detail: entry.detail ?? null,
  };
  // Inside a caller's transaction the caller tells the pages, once it has committed.
  if (db) await insertVmEvent(event, { db });
  else await writeAndPublishVm(entry.vmId, (notify) => insertVmEvent(event, { notify }));
}
