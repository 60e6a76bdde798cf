import type { AuditEvent } from "@/db/schema";

const columns = [
  "at",
  "actor",
  "actor_id",
  "action",
  "result",
  "target_type",
  "target_id",
  "client_address",
  "request_id",
  "upstream_request_id",
  "detail",
];

/** One CSV cell: quoted, and defused so a spreadsheet never runs text that starts like a formula. */
function cell(value: unknown): string {
  let text =
    value === null || value === undefined ? "" : typeof value === "string" ? value : JSON.stringify(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

/** The audit events as CSV (RFC 4180, CRLF line ends), one row per event. */
export function auditCsv(events: AuditEvent[]): string {
  const rows = events.map((event) =>
    [
      event.at.toISOString(),
      event.actorLabel,
      event.actorId,
      event.action,
      event.result,
      event.targetType,
      event.targetId,
      event.clientAddress,
      event.requestId,
      event.upstreamRequestId,
      event.detail,
    ]
      .map(cell)
      .join(","),
  );
  return `${[columns.join(","), ...rows].join("\r\n")}\r\n`;
}
