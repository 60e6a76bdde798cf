import type { Role } from "@/db/schema";

export type Permission = "portal:use" | "admin:read" | "admin:write";

const grants: Record<Role, Permission[]> = {
  member: ["portal:use"],
  auditor: ["portal:use", "admin:read"],
  admin: ["portal:use", "admin:read", "admin:write"],
};

export function can(role: Role, permission: Permission): boolean {
  return grants[role].includes(permission);
}
