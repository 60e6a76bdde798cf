import { listAuditEvents } from "@/db/queries/audit";
import { auditCsv } from "@/lib/audit/audit-csv";
import { parseAuditFilter } from "@/lib/audit/audit-filter";
import { getUserWith } from "@/lib/authz/current-user";
import { routeHandler } from "@/lib/http/route-handler";

export const dynamic = "force-dynamic";

/** The audit log as CSV, with the same filters as its page, for admins and auditors. */
export const GET = routeHandler("/api/admin/audit/export", async (request: Request) => {
  if (!(await getUserWith("admin:read"))) return new Response("Not found.", { status: 404 });
  const filter = parseAuditFilter(Object.fromEntries(new URL(request.url).searchParams));
  const events = await listAuditEvents({ ...filter, limit: 100_000 });
  return new Response(auditCsv(events), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="roost-audit-${new Date().toISOString().slice(0, 10)}.csv"`,
    },
  });
});
