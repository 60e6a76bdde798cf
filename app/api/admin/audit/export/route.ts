import { listAuditEvents } from "@/db/queries/audit";
import { auditCsv } from "@/lib/audit/audit-csv";
import { getUserWith } from "@/lib/authz/current-user";
import { formatDay } from "@/lib/format";
import { countRequests } from "@/lib/metrics/http-metrics";

export const dynamic = "force-dynamic";

function parseDate(value: string | null): Date | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** The audit log as CSV, with the same filters as its page, for admins and auditors. */
export const GET = countRequests("/api/admin/audit/export", async (request: Request) => {
  if (!(await getUserWith("admin:read"))) return new Response("Not found.", { status: 404 });
  const query = new URL(request.url).searchParams;
  const events = await listAuditEvents({
    actor: query.get("actor") || undefined,
    action: query.get("action") || undefined,
    targetId: query.get("target") || undefined,
    from: parseDate(query.get("from")),
    to: parseDate(query.get("to")),
    limit: 100_000,
  });
  return new Response(auditCsv(events), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="roost-audit-${formatDay(new Date())}.csv"`,
    },
  });
});
