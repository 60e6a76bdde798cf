import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { getCurrentUser } from "@/lib/authz/current-user";
import { can } from "@/lib/authz/permissions";
import { getConfig } from "@/lib/config";

const digest = (text: string) => createHash("sha256").update(text).digest();

/**
 * Who may read the DHCP and DNS exports: a signed-in admin or auditor, or a machine holding
 * ROOST_EXPORT_TOKEN as a bearer token (a DHCP or DNS server pulling them on a timer).
 * Members learn nothing, not even that the exports exist.
 */
export async function exportAccess(request: Request): Promise<"allowed" | 401 | 404> {
  const header = request.headers.get("authorization");
  if (header) {
    const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
    const expected = getConfig().ROOST_EXPORT_TOKEN;
    // Hashing first makes the comparison constant-time whatever the lengths.
    return token && expected && timingSafeEqual(digest(token), digest(expected)) ? "allowed" : 401;
  }
  const user = await getCurrentUser();
  if (!user) return 401;
  return can(user.role, "admin:read") ? "allowed" : 404;
}

/** The early return of an export route: null when the caller may read on, else the answer to give. */
export async function refuseExport(request: Request): Promise<Response | null> {
  const access = await exportAccess(request);
  if (access === "allowed") return null;
  return access === 401
    ? Response.json({ error: "Sign in as an admin, or send the export token." }, { status: 401 })
    : Response.json({ error: "Not found." }, { status: 404 });
}

export const plainText = (body: string) =>
  new Response(body, {
    headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
  });
