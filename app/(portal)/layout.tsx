import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { AppHeader } from "@/components/shell/app-header";
import { teachesAnyCohort } from "@/db/queries/cohort-views";
import { listProjectsOfUser } from "@/db/queries/projects";
import { getCurrentUser } from "@/lib/authz/current-user";
import { noteBrowserLocale } from "@/lib/i18n/request-locale";
import { signOutAction } from "./actions";

export default async function PortalLayout({ children }: { children: ReactNode }) {
  const user = await getCurrentUser();
  if (!user) redirect("/signin");
  const [projects] = await Promise.all([listProjectsOfUser({ userId: user.id }), noteBrowserLocale()]);
  const teaches =
    projects.some(({ role }) => role === "owner") || (await teachesAnyCohort({ userId: user.id }));
  return (
    <>
      <AppHeader
        user={user}
        inProject={projects.length > 0}
        teaches={teaches}
        signOutAction={signOutAction}
      />
      <main className="mx-auto flex max-w-6xl flex-col gap-6 px-4 py-6">{children}</main>
    </>
  );
}
