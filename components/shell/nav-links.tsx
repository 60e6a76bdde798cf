"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { type Messages, useTranslations } from "next-intl";
import { cn } from "@/lib/utils";

/** A link's name: its key under `shell.nav` in the catalogs. */
export type NavLabel = keyof Messages["shell"]["nav"];

export interface NavLink {
  href: string;
  label: NavLabel;
  /** Active only on this very path, not below it (an overview page whose siblings sit under it). */
  exact?: boolean;
}

function isActive(pathname: string, href: string, exact = false): boolean {
  return exact ? pathname === href : pathname === href || pathname.startsWith(`${href}/`);
}

export function NavLinks({ links, className }: { links: NavLink[]; className?: string }) {
  const pathname = usePathname();
  const t = useTranslations("shell.nav");
  return (
    <nav className={cn("flex items-center gap-1 overflow-x-auto", className)}>
      {links.map((link) => {
        const active = isActive(pathname, link.href, link.exact);
        return (
          <Link
            key={link.href}
            href={link.href}
            aria-current={active ? "page" : undefined}
            className={cn(
              "rounded-md px-3 py-1.5 text-sm font-medium whitespace-nowrap transition-colors hover:bg-accent",
              active ? "bg-accent text-foreground" : "text-muted-foreground",
            )}
          >
            {t(link.label)}
          </Link>
        );
      })}
    </nav>
  );
}
