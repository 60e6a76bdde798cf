import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, saveScreenshot, signInAsDemo } from "../helpers/browser";
import { rememberSecret } from "../helpers/log-secrets";

const portal = inject("portalUrl");
const seenSecrets = inject("seenSecretsFile");
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

describe("/api/v1 in the running portal", () => {
  it("answers a token made on the profile page, never a session cookie, and documents itself at /api-docs", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInAsDemo(page, portal, "Bob");
    await page.goto(`${portal}/profile`);
    await page.getByLabel("Token name").fill("script");
    await page.getByLabel(/^Read/).check();
    await page.getByRole("button", { name: "Create token" }).click();
    const shown = page.getByTestId("api-token");
    await shown.waitFor();
    const token = (await shown.textContent()) ?? "";
    rememberSecret(seenSecrets, token);

    const listed = await fetch(`${portal}/api/v1/vms?limit=5`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(listed.status).toBe(200);
    expect(listed.headers.get("ratelimit-limit")).toMatch(/^\d+$/);
    expect(listed.headers.get("x-request-id")).toBeTruthy();
    expect(await listed.json()).toMatchObject({ items: expect.any(Array), nextCursor: null });

    const garbled = await fetch(`${portal}/api/v1/vms?q=%00`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(garbled.status).toBe(400);
    expect(garbled.headers.get("content-type")).toBe("application/problem+json");

    // The browser's own session is no way in: the API reads only Authorization.
    const withCookie = await page.request.get(`${portal}/api/v1/vms`);
    expect(withCookie.status()).toBe(401);
    expect(withCookie.headers()["content-type"]).toBe("application/problem+json");

    const document = await fetch(`${portal}/api/v1/openapi.json`);
    expect(document.status).toBe(200);
    expect(await document.json()).toMatchObject({ openapi: "3.1.0", paths: { "/vms": expect.any(Object) } });

    await page.getByRole("navigation").getByRole("link", { name: "API" }).first().click();
    await page.getByRole("heading", { name: "API reference" }).waitFor();
    await page.locator("#createVm").getByText("scope: manage").waitFor();
    await saveScreenshot(page, "api-reference");
    await context.close();
  });
});
