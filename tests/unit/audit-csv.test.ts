import { describe, expect, it } from "vitest";
import type { AuditEvent } from "@/db/schema";
import { auditCsv } from "@/lib/audit/audit-csv";

const event = (overrides: Partial<AuditEvent>): AuditEvent => ({
  id: 1,
  at: new Date("2026-11-27T10:00:00Z"),
  actorId: "u1",
  actorLabel: "Ada",
  action: "vm.delete",
  targetType: "vm",
  targetId: "v1",
  result: "success",
  detail: null,
  clientAddress: null,
  requestId: null,
  upstreamRequestId: null,
  ...overrides,
});

describe("the audit log as CSV", () => {
  it("quotes every cell, doubles quotes, keeps commas and newlines inside cells", () => {
    const csv = auditCsv([event({ actorLabel: 'Ada "the admin", ops', detail: { note: "line\nbreak" } })]);
    const [header, row] = csv.split("\r\n");
    expect(header).toBe(
      "at,actor,actor_id,action,result,target_type,target_id,client_address,request_id,upstream_request_id,detail",
    );
    expect(row).toBe(
      '"2026-11-27T10:00:00.000Z","Ada ""the admin"", ops","u1","vm.delete","success","vm","v1","","","","{""note"":""line\\nbreak""}"',
    );
  });

  it("defuses cells a spreadsheet would run as formulas", () => {
    const csv = auditCsv([
      event({ actorLabel: '=HYPERLINK("http://evil")', targetId: "+1", action: "@sum" }),
    ]);
    expect(csv).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(csv).toContain(`"'+1"`);
    expect(csv).toContain(`"'@sum"`);
  });
});
