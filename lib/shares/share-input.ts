import { z } from "zod";
import type { ShareRole } from "@/db/schema";
import { invalid } from "@/lib/errors";
import { message } from "@/lib/i18n/message";

// The schema's share_role values, spelt out: the sharing form imports this file into the browser.
export const shareRoles = ["operator", "viewer"] as const satisfies readonly ShareRole[];

/** What the owner asks for: whom (a username or an e-mail), as what, and until when. */
export const shareRequestSchema = z.object({
  person: z
    .string()
    .trim()
    .min(1, message("validation.shares.namePersonTheir"))
    .max(254, message("validation.shares.usernameEMail"))
    .meta({ description: "The person's username, or an e-mail (someone who never signed in is invited)." }),
  role: z.enum(shareRoles, "Pick operator or viewer.").meta({
    description: "operator: power, console, snapshots, renew, backups; viewer: sees state and charts.",
  }),
  until: z
    .union(
      [z.iso.date(), z.iso.datetime({ offset: true })],
      "Give a day (YYYY-MM-DD) or a moment (ISO 8601).",
    )
    .optional()
    .meta({ description: "The share stops working then; a day means through the end of that day (UTC)." }),
});

export type ShareRequest = z.infer<typeof shareRequestSchema>;

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Whom the request names: an e-mail (lower-cased) when it has an @, else a username. */
export function shareTarget(person: string): { email: string } | { username: string } {
  if (!person.includes("@")) return { username: person };
  if (!emailPattern.test(person)) throw invalid(message("errors.shares.notAnEmail"), "person");
  return { email: person.toLowerCase() };
}

/** When a share asked to last until `until` ends; it must be after `now`. */
export function shareEnd(until: string | undefined, now: Date): Date | null {
  if (!until) return null;
  const end = /^\d{4}-\d{2}-\d{2}$/.test(until)
    ? new Date(Date.parse(`${until}T00:00:00Z`) + 86_400_000)
    : new Date(until);
  if (end.getTime() <= now.getTime()) throw invalid(message("errors.shares.endInPast"), "until");
  return end;
}
