import type { ApiCaller } from "@/lib/api-tokens/authenticate-token";
import { scopesAllow } from "@/lib/api-tokens/scopes";
import type { Person } from "@/lib/authz/vm-access";

/**
 * The caller as the one rule sees them. A role's reach over other people's VMs goes through the API only
 * with a token that holds the matching admin scope (admin:write for an admin, admin:read for seeing as an
 * auditor does); any other token acts as a member would.
 */
export function personOf(caller: ApiCaller): Person {
  const { id, role } = caller.user;
  if (role === "admin" && scopesAllow(caller.scopes, "admin:write")) return { id, role: "admin" };
  if (role !== "member" && scopesAllow(caller.scopes, "admin:read")) return { id, role: "auditor" };
  return { id, role: "member" };
}
