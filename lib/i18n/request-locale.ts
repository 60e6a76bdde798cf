import "server-only";
import { cookies, headers } from "next/headers";
import { cache } from "react";
import { auth } from "@/auth";
import { rememberBrowserLocale } from "@/db/queries/users";
import { getSetting } from "@/lib/settings/settings";
import { isLocale, isTimeZone, type Locale } from "./locales";
import { negotiateLocale } from "./negotiate-locale";

/** The cookie in which the browser tells the server its time zone (`components/shell/time-zone-cookie`). */
export const timeZoneCookie = "roost-tz";

export interface RequestLocale {
  locale: Locale;
  timeZone: string;
}

// Once per request: the page's language and the note of what the browser asked both read it.
const session = cache(() => auth().catch(() => null));

/** What the browser asks for: the first of its languages Roost speaks, and the zone it reported. */
const browserAsks = cache(async (): Promise<{ locale: Locale | null; timeZone: string | null }> => {
  const [headerList, cookieJar] = await Promise.all([headers(), cookies()]);
  const reported = cookieJar.get(timeZoneCookie)?.value;
  return {
    locale: negotiateLocale(headerList.get("accept-language")),
    timeZone: isTimeZone(reported) ? reported : null,
  };
});

/**
 * The language and time zone of this request's pages: the person's profile, else the browser's
 * `Accept-Language` (and the time zone it reported), else the portal's default language and UTC.
 */
export const requestLocale = cache(async (): Promise<RequestLocale> => {
  const [signedIn, browser] = await Promise.all([session(), browserAsks()]);
  const chosen = signedIn?.user?.locale;
  const locale = isLocale(chosen) ? chosen : (browser.locale ?? (await getSetting("portal.locale")));
  const zone = signedIn?.user?.timeZone;
  return { locale, timeZone: isTimeZone(zone) ? zone : (browser.timeZone ?? "UTC") };
});

/**
 * Keeps what this person's browser asks for, so mail sent while they are away reads as their pages do.
 * The session already holds what was kept last, so a page view that changes nothing costs no query.
 */
export async function noteBrowserLocale(): Promise<void> {
  const [signedIn, { locale, timeZone }] = await Promise.all([session(), browserAsks()]);
  const user = signedIn?.user;
  if (!user?.id || !locale || (locale === user.browserLocale && timeZone === user.browserTimeZone)) return;
  await rememberBrowserLocale(user.id, { locale, timeZone });
}
