import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "../helpers/database";
import { createUserWithSession } from "../helpers/session";

let database: TestDatabase;

beforeAll(async () => {
  process.env.AUTH_SECRET ??= "session-endpoint-test-secret-0123456789abcdef";
  database = await createTestDatabase();
});
afterAll(() => database.drop());

describe("/api/auth/session", () => {
  it("tells the page who is signed in, never the session token that lives in the HttpOnly cookie", async () => {
    // The real Auth.js handler and callbacks, not the tests' stand-in for auth().
    const { GET } = await vi.importActual<typeof import("@/auth")>("@/auth");
    const { NextRequest } = await import("next/server");
    const person = await createUserWithSession("sam", "member");
    const response = await GET(
      new NextRequest("http://localhost:3000/api/auth/session", {
        headers: { cookie: `authjs.session-token=${person.token}` },
      }),
    );
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).not.toContain(person.token);
    const body = JSON.parse(text);
    expect(Object.keys(body).sort()).toEqual(["expires", "user"]);
    expect(body.user).toMatchObject({ id: person.id, username: "sam", role: "member" });
  });
});
