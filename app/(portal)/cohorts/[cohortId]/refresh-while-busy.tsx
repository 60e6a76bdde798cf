"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/** Re-renders the page every few seconds while the batch still has seats to make, so progress moves on its own. */
export function RefreshWhileBusy({ busy, everyMs = 3000 }: { busy: boolean; everyMs?: number }) {
  const router = useRouter();
  useEffect(() => {
    if (!busy) return;
    const timer = setInterval(() => router.refresh(), everyMs);
    return () => clearInterval(timer);
  }, [busy, everyMs, router]);
  return null;
}
