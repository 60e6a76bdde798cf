import type { Role } from "@/db/schema";

export interface SessionUser {
  id: string;
  name: string | null;
  email: string | null;
  role: Role;
  username: string | null;
  disabled: boolean;
  /** The profile's language and time zone; null follows the browser. */
  locale: string | null;
  timeZone: string | null;
  /** What the browser last asked for, as `noteBrowserLocale` kept it. */
  browserLocale: string | null;
  browserTimeZone: string | null;
}

/** What a session tells pages about its user; read from the database row on every request. */
export function sessionUserFrom(user: {
  id: string;
  name?: string | null;
  email?: string | null;
  role?: Role;
  username?: string | null;
  disabled?: boolean;
  locale?: string | null;
  timeZone?: string | null;
  browserLocale?: string | null;
  browserTimeZone?: string | null;
}): SessionUser {
  return {
    id: user.id,
    name: user.name ?? null,
    email: user.email ?? null,
    role: user.role ?? "member",
    username: user.username ?? null,
    disabled: user.disabled ?? false,
    locale: user.locale ?? null,
    timeZone: user.timeZone ?? null,
    browserLocale: user.browserLocale ?? null,
    browserTimeZone: user.browserTimeZone ?? null,
  };
}
