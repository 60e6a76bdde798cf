import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { AppHeader } from "@/components/shell/app-header";
import { getCurrentUser } from "@/lib/authz/current-user";
import { signOutAction } from "./actions";

export default async function PortalLayout({ children }: { children: ReactNode }) {
  const user = await getCurrentUser();
  if (!user) redirect("/signin");
  return (
    <>
      <AppHeader user={user} signOutAction={signOutAction} />
      <main className="mx-auto flex max-w-6xl flex-col gap-6 px-4 py-6">{children}</main>
    </>
  );
}
