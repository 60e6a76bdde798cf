import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { authSecret } from "@/lib/authz/auth-secret";
import { getConfig } from "@/lib/config";
import { DAY } from "./lease-dates";

const LINK_VALID_MS = 30 * DAY;

const sign = (payload: string) =>
  createHmac("sha256", `renew-link:${authSecret(getConfig())}`)
    .update(payload)
    .digest("base64url");

/**
 * The Renew link in lease mail: it opens the VM's page with the renewal ready to confirm. Signed, bound
 * to the VM and its owner, and expiring; the page still requires the owner's session, so a forwarded
 * link is useless to anyone else.
 */
export function renewLink(vm: { id: string; ownerId: string }, now = new Date()): string {
  const payload = `${vm.id}.${vm.ownerId}.${now.getTime() + LINK_VALID_MS}`;
  const token = `${Buffer.from(payload).toString("base64url")}.${sign(payload)}`;
  return `${vmPageUrl(vm)}?renew=${token}`;
}

/** The VM's page, as a link from outside the portal. */
export function vmPageUrl(vm: { id: string }): string {
  return `${getConfig().publicUrl}/vms/${vm.id}`;
}

export type RenewLinkCheck = "valid" | "expired" | "invalid";

export function checkRenewToken(
  token: string,
  vm: { id: string; ownerId: string },
  now = new Date(),
): RenewLinkCheck {
  const [encoded, signature] = token.split(".");
  if (!encoded || !signature) return "invalid";
  const payload = Buffer.from(encoded, "base64url").toString();
  const expected = Buffer.from(sign(payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return "invalid";
  const [vmId, ownerId, until] = payload.split(".");
  if (vmId !== vm.id || ownerId !== vm.ownerId) return "invalid";
  return Number(until) > now.getTime() ? "valid" : "expired";
}
