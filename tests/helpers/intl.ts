import { IntlProvider } from "next-intl";
import { createElement, type ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { messagesFor } from "@/lib/i18n/catalogs";
import { formats } from "@/lib/i18n/formats";
import { requestLocale } from "@/lib/i18n/request-locale";

/**
 * A page's markup as Next renders it: inside the request's language, time zone and messages (in Next the
 * root layout's provider gives them to every component).
 */
export async function renderIntl(node: ReactNode): Promise<string> {
  const { locale, timeZone } = await requestLocale();
  const config = { locale, timeZone, formats, messages: messagesFor(locale) };
  // biome-ignore lint/correctness/noChildrenProp: IntlProvider's props type requires children among them.
  return renderToStaticMarkup(createElement(IntlProvider, { ...config, children: node }));
}
