import { Bird, LogOut } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import type { Role } from "@/db/schema";
import type { CurrentUser } from "@/lib/authz/current-user";
import { displayName } from "@/lib/authz/display-name";
import { can } from "@/lib/authz/permissions";
import { NavLinks } from "./nav-links";
import { mainNav } from "./navigation";
import { ThemeToggle } from "./theme-toggle";

export function AppHeader({
  user,
  inProject,
  teaches,
  signOutAction,
}: {
  user: CurrentUser;
  /** Whether the person belongs to at least one project. */
  inProject: boolean;
  /** Whether the person owns a project or teaches a class. */
  teaches: boolean;
  signOutAction: () => Promise<void>;
}) {
  const seesProjects = inProject || can(user.role, "admin:write");
  const seesClasses = teaches || can(user.role, "admin:write");
  const links = mainNav.filter(
    (item) =>
      can(user.role, item.permission) &&
      (!item.projectsOnly || seesProjects) &&
      (!item.teachersOnly || seesClasses),
  );
  return (
    <header className="border-b bg-background/95">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-2">
        <Link href="/vms" className="flex items-center gap-2 font-semibold">
          <Bird className="size-5" aria-hidden />
          {/* i18n-ignore: the product's name */}
          Roost
        </Link>
        <NavLinks links={links} className="order-last w-full sm:order-none sm:w-auto" />
        <div className="ms-auto flex items-center gap-2">
          <span className="hidden text-sm sm:inline" data-testid="signed-in-user">
            {displayName(user)}
          </span>
          {user.role !== "member" && <RoleBadge role={user.role} />}
          <ThemeToggle />
          <form action={signOutAction}>
            <Button variant="ghost" size="sm" type="submit">
              <LogOut />
              <SignOutLabel />
            </Button>
          </form>
        </div>
      </div>
    </header>
  );
}

// The header itself calls no hook: it is a plain function of the person, and its words sit in these.
function RoleBadge({ role }: { role: Role }) {
  const t = useTranslations("common.roles");
  return <Badge variant="secondary">{t(role)}</Badge>;
}

function SignOutLabel() {
  const t = useTranslations("shell");
  return <span className="hidden sm:inline">{t("signOut")}</span>;
}
