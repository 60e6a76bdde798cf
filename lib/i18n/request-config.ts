import { getRequestConfig } from "next-intl/server";
import { messagesFor } from "./catalogs";
import { formats } from "./formats";
import { requestLocale } from "./request-locale";

// next-intl reads this once per request (next.config.ts points its plugin here).
export default getRequestConfig(async () => {
  const { locale, timeZone } = await requestLocale();
  return { locale, timeZone, messages: messagesFor(locale), formats };
});
