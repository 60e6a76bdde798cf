import "server-only";
import { auth } from "@/auth";
import type { Role } from "@/db/schema";
import { can, type Permission } from "./permissions";

export interface CurrentUser {
  id: string;
  name: string | null;
  email: string | null;
  username: string | null;
  role: Role;
}

/** The signed-in, enabled user behind this request, or null. A disabled user is nobody. */
export async function getCurrentUser(): Promise<CurrentUser | null> {
  const session = await auth();
  const user = session?.user;
  if (!user?.id || user.disabled) return null;
  return {
    id: user.id,
    name: user.name ?? null,
    email: user.email ?? null,
    username: user.username,
    role: user.role,
  };
}

export async function getUserWith(permission: Permission): Promise<CurrentUser | null> {
  const user = await getCurrentUser();
  return user && can(user.role, permission) ? user : null;
}
