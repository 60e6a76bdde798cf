import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET } from "@/app/api/admin/audit/export/route";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { createTestDatabase, type TestDatabase } from "../helpers/database";
import { actAs, createUserWithSession } from "../helpers/session";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

describe("the audit log's CSV export", () => {
  it("gives auditors and admins the filtered events as a CSV file, and members nothing", async () => {
    const auditor = await createUserWithSession("otto", "auditor");
    const member = await createUserWithSession("mia", "member");
    await recordAuditEvent({ actor: { id: null, label: "Ada" }, action: "vm.delete", result: "success" });
    await recordAuditEvent({ actor: { id: null, label: "Bert" }, action: "group.save", result: "success" });

    actAs(member);
    expect((await GET(new Request("http://portal/api/admin/audit/export"))).status).toBe(404);

    actAs(auditor);
    const response = await GET(new Request("http://portal/api/admin/audit/export?actor=ada&action=vm."));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(/attachment; filename="roost-audit-/);
    const lines = (await response.text()).trim().split("\r\n");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('"Ada","","vm.delete","success"');
  });

  it("refuses a filter it cannot read with a 400 that says which, instead of ignoring it", async () => {
    actAs(await createUserWithSession("olga", "auditor"));
    const response = await GET(
      new Request("http://portal/api/admin/audit/export?from=yesterday&to=2026-01-01"),
    );
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: "Check the audit filters (from: Give a date as YYYY-MM-DD.).",
      fieldErrors: { from: ["Give a date as YYYY-MM-DD."] },
    });
    const backwards = await GET(
      new Request("http://portal/api/admin/audit/export?from=2026-02-01&to=2026-01-01"),
    );
    expect(backwards.status).toBe(400);
    expect(await backwards.json()).toMatchObject({ fieldErrors: { to: [expect.stringMatching(/after/)] } });
  });
});
