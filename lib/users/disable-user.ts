import "server-only";
import { revokeUserApiTokens } from "@/db/queries/api-tokens";
import { setUserDisabled } from "@/db/queries/users";
import { type AuditActor, recordAuditEvent } from "@/lib/audit/record-audit-event";
import { conflict, notFound } from "@/lib/errors";
import { message } from "@/lib/i18n/message";
import { publishUserChange } from "@/lib/live/portal-changes";
import { stopUsersVms } from "@/lib/vms/stop-users-vms";

/**
 * Disables (or enables again) a person's account, optionally stopping their running VMs. An admin cannot
 * disable themselves: nobody might be left to undo it. Disabling revokes the person's API tokens, so
 * enabling the account again does not bring them back.
 */
export async function setUserDisabledBy(
  admin: AuditActor,
  change: { userId: string; disabled: boolean; stopVms?: boolean },
) {
  if (change.userId === admin.id && change.disabled) throw conflict(message("errors.users.disableSelf"));
  const changed = await setUserDisabled({ id: change.userId, disabled: change.disabled });
  if (!changed) throw notFound(message("errors.users.noSuchUser"));
  if (change.disabled) await revokeTokensOfDisabledUser(admin, change.userId);
  await publishUserChange(change.userId);
  const { stopped, failed } =
    change.disabled && change.stopVms
      ? await stopUsersVms(change.userId, admin)
      : { stopped: [], failed: [] };
  return { disabled: changed.disabled, stopped, failed };
}

async function revokeTokensOfDisabledUser(admin: AuditActor, userId: string) {
  const revoked = await revokeUserApiTokens({ userId, at: new Date() });
  for (const token of revoked) {
    await recordAuditEvent({
      actor: admin,
      action: "api_token.revoke",
      target: { type: "api_token", id: token.id },
      result: "success",
      detail: { ownerId: userId, name: token.name, prefix: token.prefix, reason: "user-disabled" },
    });
  }
}
