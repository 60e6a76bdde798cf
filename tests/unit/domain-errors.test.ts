import { describe, expect, it, vi } from "vitest";
import { actionErrorText, domainFailure } from "@/lib/actions/action-result";
import {
  conflict,
  DomainError,
  forbidden,
  invalid,
  isDomainError,
  notFound,
  rateLimited,
  unavailable,
} from "@/lib/errors";
import { domainErrorResponse, routeHandler } from "@/lib/http/route-handler";

// A route handler reads the reader's language from the request; this test has no database to ask.
vi.mock("next-intl/server", async () => {
  const { translatorFor } = await import("@/lib/i18n/translator");
  return { getTranslations: async () => translatorFor("en") };
});

const refusals = [
  { error: invalid("Pick a template."), status: 400 },
  { error: forbidden("Your role can look but not change anything here."), status: 403 },
  { error: notFound(), status: 404 },
  { error: conflict("That person already owns this VM."), status: 409 },
  { error: rateLimited("Too many; try again in 5 seconds.", 5), status: 429 },
  { error: unavailable("The console relay is not configured."), status: 503 },
];

describe("a refusal from the domain", () => {
  it.each(refusals)("reaches an action's caller as $status with its message", ({ error, status }) => {
    expect(domainFailure(error)).toMatchObject({ ok: false, status, error: error.message });
  });

  it.each(refusals)("reaches a route's caller as $status JSON with its reason", async ({ error, status }) => {
    const response = domainErrorResponse(error);
    expect(response.status).toBe(status);
    expect(await response.json()).toEqual({ error: error.message });
  });

  it("names the field at fault, for the form to show it there", async () => {
    const error = invalid("You already have a VM called web-1.", "name");
    expect(domainFailure(error)).toEqual({
      ok: false,
      status: 400,
      error: "You already have a VM called web-1.",
      fieldErrors: { name: ["You already have a VM called web-1."] },
    });
    expect(await domainErrorResponse(error).json()).toEqual({
      error: "You already have a VM called web-1.",
      fieldErrors: { name: ["You already have a VM called web-1."] },
    });
    expect(actionErrorText(domainFailure(error))).toBe("You already have a VM called web-1.");
  });

  it("says when a rate-limited request will be accepted again", () => {
    const error = rateLimited("You opened 20 consoles in the last minute; try again in 7 seconds.", 7);
    expect(domainFailure(error)).toMatchObject({ status: 429, retryAfterSeconds: 7 });
    expect(domainErrorResponse(error).headers.get("retry-after")).toBe("7");
  });

  it("is told apart from every other error, even from another copy of the class", () => {
    expect(isDomainError(notFound())).toBe(true);
    expect(isDomainError({ isDomainError: true, kind: "conflict", message: "copied" })).toBe(true);
    expect(isDomainError(new Error("Not found."))).toBe(false);
    expect(isDomainError({ kind: "not-found" })).toBe(false);
    expect(isDomainError(null)).toBe(false);
    expect(new DomainError("conflict", "x")).toBeInstanceOf(Error);
  });
});

describe("a route handler", () => {
  const request = new Request("http://portal/api/test");

  it("answers a domain refusal with its status, never a 500", async () => {
    const handler = routeHandler("/api/test", async () => {
      throw conflict("That cluster still has VMs.");
    });
    const response = await handler(request);
    expect(response.status).toBe(409);
    expect(await response.json()).toEqual({ error: "That cluster still has VMs." });
  });

  it("lets any other error through to Next's logging", async () => {
    const handler = routeHandler("/api/test", async () => {
      throw new Error("database down");
    });
    await expect(handler(request)).rejects.toThrow("database down");
  });
});
