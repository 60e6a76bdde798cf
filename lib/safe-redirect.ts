/** Where someone lands when a destination is missing or not safe to follow. */
export const DASHBOARD_PATH = "/vms";

// Browsers drop tabs and newlines inside URLs and treat backslashes as slashes, so "/\t/host" and
// "/\\host" become "//host" (another site). Any such character, or any space, voids the destination.
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it looks for.
const unsafeCharacter = /[\u0000-\u0020\u007f-\u009f\\\s\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/;

/**
 * The one rule for every post-sign-in and post-action destination: the value, parsed against the
 * portal's own origin, must stay on that origin. What comes back is a path (with query and fragment),
 * percent-encoded; anything else gives the dashboard.
 */
export function safeRedirectPath(value: unknown, portalOrigin: string): string {
  if (typeof value !== "string" || value === "" || unsafeCharacter.test(value)) return DASHBOARD_PATH;
  const origin = new URL(portalOrigin).origin;
  // Only a path, or a full URL naming this very origin; "vms" or "http:host" are not destinations.
  if (!value.startsWith("/") && !value.startsWith(`${origin}/`)) return DASHBOARD_PATH;
  let target: URL;
  try {
    target = new URL(value, origin);
  } catch {
    return DASHBOARD_PATH;
  }
  if (target.origin !== origin || target.username || target.password) return DASHBOARD_PATH;
  return `${target.pathname}${target.search}${target.hash}`;
}
