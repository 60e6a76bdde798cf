import "server-only";
import { listGroupRoles } from "@/db/queries/groups";
import type { Role } from "@/db/schema";
import type { Config } from "@/lib/config";
import type { RolePolicy } from "./roles";

/** The groups that grant each role: the environment's lists and the groups admins gave a role. */
export async function rolePolicyFor(config: Config): Promise<RolePolicy> {
  const granted = await listGroupRoles();
  const named = (role: Role) => granted.filter((group) => group.role === role).map((group) => group.name);
  return {
    adminGroups: [...config.OIDC_ADMIN_GROUPS, ...named("admin")],
    auditorGroups: [...config.OIDC_AUDITOR_GROUPS, ...named("auditor")],
    memberGroups: [...config.OIDC_MEMBER_GROUPS, ...named("member")],
    bootstrapAdmins: config.ROOST_BOOTSTRAP_ADMINS,
  };
}
