import "server-only";
import { getTemplateById } from "@/db/queries/templates";
import { getUserById } from "@/db/queries/users";
import type { Cohort, CohortSeat } from "@/db/schema";
import { displayName } from "@/lib/authz/display-name";
import { getConfig } from "@/lib/config";
import { recipientLocale } from "@/lib/i18n/recipient-locale";
import { queueMail } from "@/lib/mail/send-mail";
import { classInviteMail } from "@/lib/mail/templates/class-invite";
import { getSetting } from "@/lib/settings/settings";

/**
 * Mails each address of a class's roster that nobody signed in with yet: their VM waits for their first
 * sign-in with it. Once per seat, however often the roster is saved; in the portal's language and the
 * class's time zone, as nothing is known of the reader.
 */
export async function mailInvitations(cohort: Cohort, seats: CohortSeat[]): Promise<number> {
  const invited = seats.filter((seat) => seat.state === "waiting" && seat.inviteEmail);
  if (invited.length === 0) return 0;
  const [portalName, teacher, template, portalReader] = await Promise.all([
    getSetting("portal.name"),
    getUserById({ id: cohort.teacherId }),
    getTemplateById({ id: cohort.templateId }),
    recipientLocale(null),
  ]);
  const message = await classInviteMail(
    {
      portalName,
      cohortName: cohort.name,
      teacher: teacher ? displayName(teacher) : portalName,
      template: template?.label ?? "",
      endsAt: cohort.endsAt,
      url: `${getConfig().publicUrl}/signin`,
    },
    { ...portalReader, timeZone: cohort.timeZone },
  );
  let sent = 0;
  for (const seat of invited) {
    const queued = await queueMail({
      dedupeKey: `class-invite:${seat.id}`,
      to: seat.inviteEmail!,
      userId: null,
      kind: "class-invite",
      message,
    });
    if (queued) sent++;
  }
  return sent;
}
