import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";
import { AuditTable } from "@/components/audit-table";
import { PageHeader } from "@/components/page-header";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { listAuditEvents } from "@/db/queries/audit";
import { type AuditSearchParams, auditFilterSchema } from "@/lib/audit/audit-filter";
import { getUserWith } from "@/lib/authz/current-user";

export const metadata: Metadata = { title: "Audit log" };

function FilterError({ messages }: { messages?: string[] }) {
  return messages ? <p className="text-destructive text-xs">{messages.join(" ")}</p> : null;
}

export default async function AuditPage({ searchParams }: { searchParams: Promise<AuditSearchParams> }) {
  if (!(await getUserWith("admin:read"))) notFound();
  const filter = await searchParams;
  const parsed = auditFilterSchema.safeParse(filter);
  const errors: Record<string, string[] | undefined> = parsed.success
    ? {}
    : z.flattenError(parsed.error).fieldErrors;
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
          <FilterError messages={errors.actor} />
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
          <FilterError messages={errors.action} />
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor="target">Target id</Label>
          <Input id="target" name="target" defaultValue={filter.target} className="w-56" />
          <FilterError messages={errors.target} />
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor="from">From</Label>
          <Input id="from" name="from" type="date" defaultValue={filter.from} />
          <FilterError messages={errors.from} />
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor="to">Before</Label>
          <Input id="to" name="to" type="date" defaultValue={filter.to} />
          <FilterError messages={errors.to} />
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
      {parsed.success ? (
        <AuditTable events={await listAuditEvents({ ...parsed.data, limit: 500 })} />
      ) : (
        <p className="text-destructive text-sm">Correct the filter marked above to see the events.</p>
      )}
    </>
  );
}
