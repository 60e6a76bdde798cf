import type { Metadata, Viewport } from "next";
import { headers } from "next/headers";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { DemoBanner } from "@/components/shell/demo-banner";
import { ThemeProvider } from "@/components/shell/theme-provider";
import { TimeZoneCookie } from "@/components/shell/time-zone-cookie";
import { Toaster } from "@/components/ui/sonner";
import { getConfig } from "@/lib/config";
import { directionOf } from "@/lib/i18n/locales";
import { timeZoneCookie } from "@/lib/i18n/request-locale";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("shell");
  return { title: { default: "Roost", template: "%s · Roost" }, description: t("description") };
}

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const { demo } = getConfig();
  // Reading the request makes every page render per request, so each gets the proxy's fresh nonce.
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  const locale = await getLocale();
  return (
    <html lang={locale} dir={directionOf(locale)} suppressHydrationWarning>
      <body className="min-h-dvh antialiased">
        <ThemeProvider
          nonce={nonce}
          attribute="class"
          defaultTheme="system"
          enableSystem
          disableTransitionOnChange
        >
          <NextIntlClientProvider>
            <TimeZoneCookie name={timeZoneCookie} />
            {demo && <DemoBanner />}
            {children}
            <Toaster />
          </NextIntlClientProvider>
        </ThemeProvider>
      </body>
    </html>
  );
}
