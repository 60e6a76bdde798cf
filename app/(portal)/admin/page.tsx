import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AuditTable } from "@/components/audit-table";
import { PageHeader } from "@/components/page-header";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { listAuditEvents } from "@/db/queries/audit";
import { getUserStats } from "@/db/queries/user-stats";
import { getUserWith } from "@/lib/authz/current-user";

export const metadata: Metadata = { title: "Admin" };

export default async function AdminOverviewPage() {
  if (!(await getUserWith("admin:read"))) notFound();
  const [stats, recent] = await Promise.all([getUserStats(), listAuditEvents({ limit: 10 })]);
  const tiles = [
    { label: "Members", value: stats.byRole.member },
    { label: "Auditors", value: stats.byRole.auditor },
    { label: "Admins", value: stats.byRole.admin },
    { label: "Disabled", value: stats.disabled },
  ];
  return (
    <>
      <PageHeader title="Overview" description="People who have signed in, and the latest changes." />
      <div className="grid grid-cols-2 gap-4 md:grid-cols-4">
        {tiles.map((tile) => (
          <Card key={tile.label} className="gap-2 py-4">
            <CardHeader className="px-4">
              <CardDescription>{tile.label}</CardDescription>
              <CardTitle className="text-3xl tabular-nums">{tile.value}</CardTitle>
            </CardHeader>
          </Card>
        ))}
      </div>
      <Card>
        <CardHeader>
          <CardTitle>Recent activity</CardTitle>
          <CardDescription>
            The last ten audit events.{" "}
            <Link className="underline" href="/admin/audit">
              Open the audit log
            </Link>
          </CardDescription>
        </CardHeader>
        <CardContent>
          <AuditTable events={recent} />
        </CardContent>
      </Card>
    </>
  );
}
