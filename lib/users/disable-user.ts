import "server-only";
import { setUserDisabled } from "@/db/queries/users";
import type { AuditActor } from "@/lib/audit/record-audit-event";
import { conflict, notFound } from "@/lib/errors";
import { stopUsersVms } from "@/lib/vms/stop-users-vms";

/**
 * Disables (or enables again) a person's account, optionally stopping their running VMs. An admin cannot
 * disable themselves: nobody might be left to undo it.
 */
export async function setUserDisabledBy(
  admin: AuditActor,
  change: { userId: string; disabled: boolean; stopVms?: boolean },
) {
  if (change.userId === admin.id && change.disabled) throw conflict("You cannot disable your own account.");
  const changed = await setUserDisabled({ id: change.userId, disabled: change.disabled });
  if (!changed) throw notFound("That user does not exist.");
  const { stopped, failed } =
    change.disabled && change.stopVms
      ? await stopUsersVms(change.userId, admin)
      : { stopped: [], failed: [] };
  return { disabled: changed.disabled, stopped, failed };
}
