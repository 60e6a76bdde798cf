import { describe, expect, it } from "vitest";
import { ACTION_BODY_LIMIT, refuseActionBody, refuseQuery } from "@/lib/http/request-input";
import { contentSecurityPolicy, newNonce, transportSecurity } from "@/lib/http/security-headers";

const policy = (overrides: Partial<Parameters<typeof contentSecurityPolicy>[0]> = {}) =>
  contentSecurityPolicy({
    nonce: "abc123",
    relayOrigin: "wss://roost.example.org",
    identityProviderOrigin: "https://sso.example.org",
    https: true,
    development: false,
    ...overrides,
  });

const directive = (csp: string, name: string) =>
  csp
    .split("; ")
    .find((part) => part.startsWith(`${name} `) || part === name)
    ?.split(" ")
    .slice(1);

describe("the content security policy", () => {
  it("runs scripts only with the request's nonce, never inline ones", () => {
    const scripts = directive(policy(), "script-src");
    expect(scripts).toContain("'nonce-abc123'");
    expect(scripts).not.toContain("'unsafe-inline'");
    expect(scripts).not.toContain("'unsafe-eval'");
    expect(directive(policy({ development: true }), "script-src")).toContain("'unsafe-eval'");
  });

  it("lets the console pages reach the relay, and nothing frame the portal", () => {
    expect(directive(policy(), "connect-src")).toEqual(["'self'", "wss://roost.example.org"]);
    expect(directive(policy(), "frame-ancestors")).toEqual(["'none'"]);
    expect(directive(policy(), "object-src")).toEqual(["'none'"]);
    expect(directive(policy(), "form-action")).toEqual(["'self'", "https://sso.example.org"]);
  });

  it("asks for https upgrades and HSTS only when the portal is served over https", () => {
    expect(directive(policy(), "upgrade-insecure-requests")).toEqual([]);
    expect(directive(policy({ https: false }), "upgrade-insecure-requests")).toBeUndefined();
    expect(transportSecurity(true)).toEqual({ "strict-transport-security": "max-age=31536000" });
    expect(transportSecurity(false)).toEqual({});
  });

  it("gets a fresh nonce each time", () => {
    expect(newNonce()).not.toBe(newNonce());
    expect(newNonce()).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });
});

describe("a server action's body", () => {
  it("is refused with a reason when empty, malformed, oversize or full of references it lacks", () => {
    expect(refuseActionBody("text/plain", "")).toMatchObject({
      status: 400,
      error: expect.stringMatching(/no body/),
    });
    expect(refuseActionBody("text/plain", '[{"vmId":')).toMatchObject({
      status: 400,
      error: expect.stringMatching(/JSON/),
    });
    expect(refuseActionBody("text/plain", '{"vmId":"x"}')).toMatchObject({ status: 400 });
    expect(refuseActionBody("text/plain", '["$@0"]')).toMatchObject({ status: 400 });
    expect(refuseActionBody("text/plain", '[{"a":["$F1"]}]')).toMatchObject({ status: 400 });
    expect(refuseActionBody("text/plain", `["${"x".repeat(ACTION_BODY_LIMIT)}"]`)).toMatchObject({
      status: 413,
    });
  });

  it("passes what React sends for plain arguments", () => {
    for (const body of [
      '[{"vmId":"x","cores":2}]',
      '["$$escaped","$undefined","$NaN","$-0","$D2026-01-01T00:00:00.000Z","$n5"]',
      "[]",
    ])
      expect(refuseActionBody("text/plain;charset=UTF-8", body), body).toBeNull();
    expect(refuseActionBody("multipart/form-data; boundary=x", "--x--")).toBeNull();
  });
});

describe("a query string", () => {
  it("is refused with a 400 naming the parameter when it carries control characters or broken encoding", () => {
    expect(refuseQuery(new URLSearchParams("callbackUrl=/%0a/x"))).toMatchObject({
      status: 400,
      error: expect.stringContaining('"callbackUrl"'),
    });
    expect(refuseQuery(new URLSearchParams("q=%00"))).toMatchObject({ status: 400 });
    expect(refuseQuery(new URLSearchParams("q=%ff"))).toMatchObject({ status: 400 });
    expect(refuseQuery(new URLSearchParams("q=caf%C3%A9&actor=ada"))).toBeNull();
  });
});
