import type { Metadata, Viewport } from "next";
import { headers } from "next/headers";
import type { ReactNode } from "react";
import { DemoBanner } from "@/components/shell/demo-banner";
import { ThemeProvider } from "@/components/shell/theme-provider";
import { Toaster } from "@/components/ui/sonner";
import { getConfig } from "@/lib/config";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Roost", template: "%s · Roost" },
  description: "Self-service virtual machines on your organisation's Proxmox VE cluster",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const { demo } = getConfig();
  // Reading the request makes every page render per request, so each gets the proxy's fresh nonce.
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return (
    <html lang="en" suppressHydrationWarning>
      <body className="min-h-dvh antialiased">
        <ThemeProvider
          nonce={nonce}
          attribute="class"
          defaultTheme="system"
          enableSystem
          disableTransitionOnChange
        >
          {demo && <DemoBanner />}
          {children}
          <Toaster />
        </ThemeProvider>
      </body>
    </html>
  );
}
