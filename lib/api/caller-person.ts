import type { ApiCaller } from "@/lib/api-tokens/authenticate-token";
import type { Person } from "@/lib/authz/vm-access";

/** The caller as the rules see them: a member unless the token holds admin:write. */
export function personOf(caller: ApiCaller): Person {
  return { id: caller.user.id, role: caller.scopes.includes("admin:write") ? caller.user.role : "member" };
}
