import type { Role } from "@/db/schema";

export interface RolePolicy {
  adminGroups: string[];
  auditorGroups: string[];
  memberGroups: string[];
  /** E-mail addresses or usernames that are admins whatever their groups say. */
  bootstrapAdmins: string[];
}

export interface Identity {
  email?: string | null;
  username?: string | null;
  groups: string[];
}

function inAny(groups: string[], allowed: string[]): boolean {
  return allowed.includes("*") || groups.some((group) => allowed.includes(group));
}

/** The portal role an identity's groups grant, or null when none of them admits the person. */
export function roleForIdentity(identity: Identity, policy: RolePolicy): Role | null {
  const names = [identity.email, identity.username].filter(Boolean).map((name) => name!.toLowerCase());
  if (policy.bootstrapAdmins.some((admin) => names.includes(admin.toLowerCase()))) return "admin";
  if (inAny(identity.groups, policy.adminGroups)) return "admin";
  if (inAny(identity.groups, policy.auditorGroups)) return "auditor";
  if (inAny(identity.groups, policy.memberGroups)) return "member";
  return null;
}

/** Reads a groups claim that IdPs send as an array, a comma list, or Keycloak-style paths like /staff/admins. */
export function groupsFromClaim(value: unknown): string[] {
  const raw = Array.isArray(value) ? value : typeof value === "string" ? value.split(",") : [];
  return raw
    .filter((item): item is string => typeof item === "string")
    .flatMap((item) => {
      const trimmed = item.trim();
      const leaf = trimmed.split("/").filter(Boolean).at(-1);
      return leaf && leaf !== trimmed ? [trimmed, leaf] : [trimmed];
    })
    .filter(Boolean);
}
