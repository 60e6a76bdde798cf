import type { ProxmoxClient } from "./client";
import { type PortalAccessOptions, portalAccessPlan, tokenIdOf } from "./portal-access";
import { applyPveum, type PveumCommand } from "./pveum";

function alreadyThere(error: unknown): boolean {
  return (
    /already exists/i.test(error instanceof Error ? error.message : String(error)) ||
    /Token already exists/.test(JSON.stringify((error as { errors?: unknown }).errors ?? ""))
  );
}

/**
 * Runs the setup guide's steps with an administrator's client, so the portal gets its own
 * least-privilege token; safe to run again (roles are brought up to date, the token is made anew, since
 * Proxmox shows a token's secret only once). `extra` adds the guide's optional grants.
 */
export async function setUpPortalToken(
  admin: ProxmoxClient,
  options: PortalAccessOptions,
  extra: PveumCommand[] = [],
): Promise<{ tokenId: string; secret: string }> {
  let secret: string | undefined;
  for (const command of [...portalAccessPlan(options), ...extra]) {
    try {
      secret = (await applyPveum(admin.access, command)).secret ?? secret;
    } catch (error) {
      if (!alreadyThere(error)) throw error;
      if (command.kind === "role-add") await admin.access.updateRole(command.roleid, command.privs);
      if (command.kind === "token-add") {
        await admin.access.deleteToken(command.userid, command.tokenid);
        secret = (await applyPveum(admin.access, command)).secret;
      }
    }
  }
  if (!secret) throw new Error("the token was not created");
  return { tokenId: tokenIdOf(options), secret };
}
