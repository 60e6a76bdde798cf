"use client";

import { useRouter } from "next/navigation";
import { useTimeZone } from "next-intl";
import { useEffect } from "react";

/**
 * Tells the server the browser's time zone (no request header carries it). On the first visit, when the
 * server guessed another zone, the page renders again with it; after that the cookie is already right.
 */
export function TimeZoneCookie({ name }: { name: string }) {
  const serverTimeZone = useTimeZone();
  const router = useRouter();
  useEffect(() => {
    const browserTimeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!browserTimeZone) return;
    const value = `${name}=${encodeURIComponent(browserTimeZone)}`;
    if (document.cookie.split("; ").includes(value)) return;
    // biome-ignore lint/suspicious/noDocumentCookie: one preference value; the Cookie Store API is not in every browser.
    document.cookie = `${value}; path=/; max-age=31536000; samesite=lax`;
    if (serverTimeZone !== browserTimeZone) router.refresh();
  }, [name, serverTimeZone, router]);
  return null;
}
