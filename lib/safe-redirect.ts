/** Keeps a post-sign-in destination on this site: a path, never another origin or a protocol-relative URL. */
export function safeRedirectPath(value: unknown, fallback = "/vms"): string {
  if (
    typeof value !== "string" ||
    !value.startsWith("/") ||
    value.startsWith("//") ||
    value.startsWith("/\\")
  ) {
    return fallback;
  }
  return value;
}
