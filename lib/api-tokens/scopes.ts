import type { Role } from "@/db/schema";

/**
 * What a token may do. Member scopes nest (manage ⊇ operate ⊇ read), as do admin scopes
 * (admin:write ⊇ admin:read); a token may hold one of each kind.
 */
export const apiScopes = ["read", "operate", "manage", "admin:read", "admin:write"] as const;
export type ApiScope = (typeof apiScopes)[number];

const implied: Record<ApiScope, ApiScope[]> = {
  read: ["read"],
  operate: ["read", "operate"],
  manage: ["read", "operate", "manage"],
  "admin:read": ["admin:read"],
  "admin:write": ["admin:read", "admin:write"],
};

/** Whether a token holding `held` may call a route that needs `needed`. */
export function scopesAllow(held: readonly ApiScope[], needed: ApiScope): boolean {
  return held.some((scope) => implied[scope].includes(needed));
}

/** The admin scopes a role may hold; checked when a token is made and again on every call. */
export function roleAllowsScope(role: Role, scope: ApiScope): boolean {
  if (scope === "admin:write") return role === "admin";
  if (scope === "admin:read") return role === "admin" || role === "auditor";
  return true;
}
