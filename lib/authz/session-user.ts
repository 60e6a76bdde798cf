import type { Role } from "@/db/schema";

export interface SessionUser {
  id: string;
  name: string | null;
  email: string | null;
  role: Role;
  username: string | null;
  disabled: boolean;
}

/** What a session tells pages about its user; read from the database row on every request. */
export function sessionUserFrom(user: {
  id: string;
  name?: string | null;
  email?: string | null;
  role?: Role;
  username?: string | null;
  disabled?: boolean;
}): SessionUser {
  return {
    id: user.id,
    name: user.name ?? null,
    email: user.email ?? null,
    role: user.role ?? "member",
    username: user.username ?? null,
    disabled: user.disabled ?? false,
  };
}
