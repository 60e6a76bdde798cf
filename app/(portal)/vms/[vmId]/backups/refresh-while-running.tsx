"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

const PERIOD_MS = 2000;

/** Re-renders the page every few seconds while a backup or restore runs, so its progress shows. */
export function RefreshWhileRunning({ active }: { active: boolean }) {
  const router = useRouter();
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => router.refresh(), PERIOD_MS);
    return () => clearInterval(timer);
  }, [active, router]);
  return null;
}
