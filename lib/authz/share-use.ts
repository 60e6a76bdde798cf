import "server-only";
import { sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { getUserById } from "@/db/queries/users";
import { hasVmEventSince } from "@/db/queries/vm-events";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { message } from "@/lib/i18n/message";
import { publishVmChange } from "@/lib/live/portal-changes";
import { recordVmEvent } from "@/lib/vms/vm-timeline";
import { displayName } from "./display-name";

// A shared operator at work would otherwise fill the VM's timeline; the audit log keeps every use.
const TIMELINE_EVERY_MS = 3_600_000;

/**
 * Records that a share, and nothing else, let this person act on the VM: always in the audit log, on the
 * VM's timeline at most once an hour per person. The advisory lock makes "once" hold for concurrent uses.
 */
export async function recordShareUse(
  { personId, vmId, action }: { personId: string; vmId: string; action: string },
  now = new Date(),
): Promise<void> {
  const user = await getUserById({ id: personId });
  const actor = { id: personId, label: user ? displayName(user) : personId };
  await recordAuditEvent({
    actor,
    action: "vm.share_use",
    target: { type: "vm", id: vmId },
    result: "success",
    detail: { action },
  });
  const added = await getDb().transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`share-use:${personId}:${vmId}`}))`);
    const since = new Date(now.getTime() - TIMELINE_EVERY_MS);
    if (await hasVmEventSince({ vmId, actorId: personId, kind: "share_use", since }, tx)) return false;
    await recordVmEvent(
      {
        vmId,
        kind: "share_use",
        message: message("timeline.usedThroughShare", { person: actor.label }),
        actor,
        detail: { action },
      },
      tx,
    );
    return true;
  });
  if (added) await publishVmChange(vmId);
}
