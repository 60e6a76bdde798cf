import { afterAll, beforeAll, describe, expect, it } from "vitest";
import ApiDocsPage from "@/app/(portal)/api-docs/page";
import { problemKinds } from "@/lib/api/problem";
import { apiRoutes } from "@/lib/api/routes";
import { createTestDatabase, type TestDatabase } from "../helpers/database";
import { renderIntl } from "../helpers/intl";
import { actAs, createUserWithSession } from "../helpers/session";

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
  actAs(await createUserWithSession("reader", "member"));
});

afterAll(() => database.drop());

describe("the API reference page", () => {
  it("shows every route with its method, path and scope, and the problems the API's type URIs name", async () => {
    const html = await renderIntl(await ApiDocsPage());
    for (const route of apiRoutes) {
      const from = html.indexOf(`id="${route.operationId}"`);
      expect(from, route.operationId).toBeGreaterThan(-1);
      const card = html.slice(from, html.indexOf('data-slot="card"', from));
      expect(card).toContain(`>${route.method}<`);
      expect(card).toContain(`/api/v1${route.path}`);
      expect(card).toContain(`scope: ${route.scope}`);
    }
    for (const problem of problemKinds) expect(html).toContain(`id="problem-${problem.kind}"`);
    expect(html).toContain('id="schema-Vm"');
    expect(html).toContain("templateId");
  });
});
