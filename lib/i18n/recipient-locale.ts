import "server-only";
import { getUserById } from "@/db/queries/users";
import { getSetting } from "@/lib/settings/settings";
import { isLocale, isTimeZone, type Locale } from "./locales";

export interface MailLocale {
  locale: Locale;
  timeZone: string;
}

/**
 * The language and time zone mail to this person goes out in: their profile's, else what their browser
 * last asked for, else the portal's language and UTC (someone who never signed in, a digest address).
 */
export async function recipientLocale(userId: string | null): Promise<MailLocale> {
  const user = userId ? await getUserById({ id: userId }) : null;
  const locale = [user?.locale, user?.browserLocale].find(isLocale) ?? (await getSetting("portal.locale"));
  const timeZone = [user?.timeZone, user?.browserTimeZone].find(isTimeZone) ?? "UTC";
  return { locale, timeZone };
}
