import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { NavLinks } from "@/components/shell/nav-links";
import { adminNav } from "@/components/shell/navigation";
import { getUserWith } from "@/lib/authz/current-user";

export default async function AdminLayout({ children }: { children: ReactNode }) {
  if (!(await getUserWith("admin:read"))) notFound();
  return (
    <div className="flex flex-col gap-6">
      <NavLinks links={adminNav} className="border-b pb-2" />
      {children}
    </div>
  );
}
