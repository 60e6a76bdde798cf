import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineApiRoute } from "@/lib/api/define-route";
import { routeMatcher } from "@/lib/api/match-route";
import { decodeCursor, encodeCursor, pageFrom } from "@/lib/api/pagination";
import { WindowLimiter } from "@/lib/limits/window-limiter";

const route = (method: "GET" | "POST", path: `/${string}`) =>
  defineApiRoute({
    method,
    path,
    operationId: `${method}${path}`,
    summary: "",
    tags: [],
    scope: "read",
    responses: {},
    handler: async () => ({ status: 200 }),
  });

describe("routing", () => {
  const match = routeMatcher([
    route("GET", "/vms/{vmId}"),
    route("POST", "/vms/from-iso"),
    route("GET", "/vms"),
  ]);

  it("prefers a literal segment to a parameter and decodes parameters", () => {
    expect(match("POST", "/vms/from-iso")).toMatchObject({ kind: "found", route: { path: "/vms/from-iso" } });
    expect(match("GET", "/vms/a%20b")).toMatchObject({ kind: "found", params: { vmId: "a b" } });
  });

  it("tells a wrong method from an unknown path", () => {
    expect(match("DELETE", "/vms")).toEqual({ kind: "wrong-method", allow: ["GET"] });
    expect(match("GET", "/vms/a/b")).toEqual({ kind: "none" });
    expect(match("GET", "/vms/%E0")).toEqual({ kind: "none" });
  });
});

describe("cursor pages", () => {
  it("end where the extra row shows no more follow, and a cursor carries its key back", () => {
    const rows = ["a", "b", "c"];
    expect(
      pageFrom(
        rows,
        2,
        (row) => [row],
        (row) => row.toUpperCase(),
      ),
    ).toEqual({
      items: ["A", "B"],
      nextCursor: encodeCursor(["b"]),
    });
    expect(
      pageFrom(
        rows,
        3,
        (row) => [row],
        (row) => row,
      ).nextCursor,
    ).toBeNull();
    expect(decodeCursor(encodeCursor(["b", "x"]), z.tuple([z.string(), z.string()]))).toEqual(["b", "x"]);
    expect(() => decodeCursor("not-json", z.tuple([z.string()]))).toThrow(/cursor/);
  });
});

describe("the window limiter", () => {
  it("says what is left and when a place frees up", () => {
    let now = 0;
    const limiter = new WindowLimiter(2, 60_000, () => now);
    expect(limiter.attempt("t")).toEqual({ allowed: true, remaining: 1, resetSeconds: 60 });
    now = 30_000;
    expect(limiter.attempt("t")).toEqual({ allowed: true, remaining: 0, resetSeconds: 30 });
    expect(limiter.attempt("t")).toEqual({ allowed: false, remaining: 0, resetSeconds: 30 });
    expect(limiter.take("other")).toBeNull();
    now = 60_001;
    expect(limiter.attempt("t")).toMatchObject({ allowed: true, remaining: 0 });
  });
});
