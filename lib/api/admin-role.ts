import type { ApiCaller } from "@/lib/api-tokens/authenticate-token";
import { can, type Permission } from "@/lib/authz/permissions";
import { forbidden } from "@/lib/errors";
import { message } from "@/lib/i18n/message";

/**
 * The second gate of an admin route, after the token's admin scope: the owner's role must grant the
 * same permission the admin pages ask for, whatever the token carries.
 */
export function requireRolePermission(caller: ApiCaller, permission: Permission): void {
  if (!can(caller.user.role, permission))
    throw forbidden(message("errors.api.roleLacksPermission", { role: caller.user.role, permission }));
}
