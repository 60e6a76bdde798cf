import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AuditTable } from "@/components/audit-table";
import { PageHeader } from "@/components/page-header";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { listAuditEvents } from "@/db/queries/audit";
import { getUserWith } from "@/lib/authz/current-user";

export const metadata: Metadata = { title: "Audit log" };

function parseDate(value: string | undefined): Date | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<{ actor?: string; action?: string; target?: string; from?: string; to?: string }>;
}) {
  if (!(await getUserWith("admin:read"))) notFound();
  const filter = await searchParams;
  const events = await listAuditEvents({
    actor: filter.actor || undefined,
    action: filter.action || undefined,
    targetId: filter.target || undefined,
    from: parseDate(filter.from),
    to: parseDate(filter.to),
    limit: 500,
  });
  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every change made through the portal: who, what, when and from where."
      />
      <form className="flex flex-wrap items-end gap-3" method="get">
        <div className="grid gap-1.5">
          <Label htmlFor="actor">Who</Label>
          <Input id="actor" name="actor" defaultValue={filter.actor} placeholder="name" className="w-36" />
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor="action">Action starts with</Label>
          <Input
            id="action"
            name="action"
            defaultValue={filter.action}
            placeholder="user."
            className="w-40"
          />
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor="target">Target id</Label>
          <Input id="target" name="target" defaultValue={filter.target} className="w-56" />
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor="from">From</Label>
          <Input id="from" name="from" type="date" defaultValue={filter.from} />
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor="to">Before</Label>
          <Input id="to" name="to" type="date" defaultValue={filter.to} />
        </div>
        <Button type="submit" variant="secondary">
          Filter
        </Button>
        <Button asChild variant="outline">
          <a
            href={`/api/admin/audit/export?${new URLSearchParams(
              Object.entries(filter).filter((entry): entry is [string, string] => Boolean(entry[1])),
            ).toString()}`}
          >
            Export CSV
          </a>
        </Button>
      </form>
      <AuditTable events={events} />
    </>
  );
}
