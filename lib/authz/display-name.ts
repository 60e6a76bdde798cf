/** How a person is named on pages, in timelines and in the audit log. */
export function displayName(user: {
  name?: string | null;
  username?: string | null;
  email?: string | null;
}): string {
  return user.name ?? user.username ?? user.email ?? "unknown user";
}
