import { vi } from "vitest";

// "server-only" throws outside a React Server Components bundle; tests import server modules directly.
vi.mock("server-only", () => ({}));

// What Next gives server code about a request: the headers after the proxy (tests/helpers/request.ts).
vi.mock("next/headers", async () => {
  const { currentRequestHeaders } = await import("./request");
  return { headers: async () => currentRequestHeaders(), cookies: async () => new Map() };
});
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));

// Sessions come from the database through the real Auth.js adapter; tests choose whose cookie is sent.
vi.mock("@/auth", async () => {
  const { authLikeAuthJs } = await import("./session");
  return {
    auth: authLikeAuthJs,
    signIn: async () => {},
    signOut: async () => {},
  };
});

// next-intl's server functions read the request config inside Next; here they read the same config
// (lib/i18n/request-config.ts: the person's profile, Accept-Language, the portal's default) directly.
vi.mock("next-intl/server", async () => {
  const { requestLocale } = await import("@/lib/i18n/request-locale");
  const { translatorFor, formatterFor } = await import("@/lib/i18n/translator");
  const { createTranslator } = await import("next-intl");
  const { messagesFor } = await import("@/lib/i18n/catalogs");
  const { formats } = await import("@/lib/i18n/formats");
  return {
    getLocale: async () => (await requestLocale()).locale,
    getTimeZone: async () => (await requestLocale()).timeZone,
    getTranslations: async (namespace?: string) => {
      const { locale, timeZone } = await requestLocale();
      if (!namespace) return translatorFor(locale, timeZone);
      return createTranslator({
        locale,
        timeZone,
        formats,
        messages: messagesFor(locale),
        namespace: namespace as never,
      });
    },
    getFormatter: async () => {
      const { locale, timeZone } = await requestLocale();
      return formatterFor(locale, timeZone);
    },
    getRequestConfig: (create: unknown) => create,
  };
});
