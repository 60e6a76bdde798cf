import { Bird, LogOut } from "lucide-react";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import type { CurrentUser } from "@/lib/authz/current-user";
import { displayName } from "@/lib/authz/display-name";
import { can } from "@/lib/authz/permissions";
import { NavLinks } from "./nav-links";
import { mainNav } from "./navigation";
import { ThemeToggle } from "./theme-toggle";

export function AppHeader({
  user,
  signOutAction,
}: {
  user: CurrentUser;
  signOutAction: () => Promise<void>;
}) {
  const links = mainNav.filter((item) => can(user.role, item.permission));
  return (
    <header className="border-b bg-background/95">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-2">
        <Link href="/vms" className="flex items-center gap-2 font-semibold">
          <Bird className="size-5" aria-hidden />
          Roost
        </Link>
        <NavLinks links={links} className="order-last w-full sm:order-none sm:w-auto" />
        <div className="ml-auto flex items-center gap-2">
          <span className="hidden text-sm sm:inline" data-testid="signed-in-user">
            {displayName(user)}
          </span>
          {user.role !== "member" && <Badge variant="secondary">{user.role}</Badge>}
          <ThemeToggle />
          <form action={signOutAction}>
            <Button variant="ghost" size="sm" type="submit">
              <LogOut />
              <span className="hidden sm:inline">Sign out</span>
            </Button>
          </form>
        </div>
      </div>
    </header>
  );
}
