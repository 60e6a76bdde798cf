"use client";

import { ThemeProvider as NextThemesProvider } from "next-themes";
import type * as React from "react";
import "@/lib/zod-jitless";

export function ThemeProvider(props: React.ComponentProps<typeof NextThemesProvider>) {
  return <NextThemesProvider {...props} />;
}
