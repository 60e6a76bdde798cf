import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { fieldError, launchBrowser, saveScreenshot, signInAsDemo } from "../helpers/browser";
import { rememberSecret } from "../helpers/log-secrets";

const portal = inject("portalUrl");
const seenSecrets = inject("seenSecretsFile");
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

describe("personal API tokens on the profile page", () => {
  it("are shown once with a copy button, listed by their prefix and scopes, and revoked after a confirmation", async () => {
    const alice = await (await browser.newContext()).newPage();
    await signInAsDemo(alice, portal, "Alice");
    await alice.goto(`${portal}/profile`);
    await alice.getByRole("button", { name: "Create token" }).waitFor();
    expect(await alice.getByLabel("Admin access too").count()).toBe(0);

    const page = await (await browser.newContext()).newPage();
    await signInAsDemo(page, portal, "Audrey");
    await page.goto(`${portal}/profile`);
    await page.getByLabel("Token name").fill("inventory");
    await page.getByLabel(/^Operate/).check();
    await page.getByLabel("Admin access too").check();
    await page.getByLabel(/^Expires after/).fill("400");
    await page.getByRole("button", { name: "Create token" }).click();
    await fieldError(page, /^Expires after/)
      .filter({ hasText: "Tokens live at most 365 days here." })
      .waitFor();

    await page.getByLabel(/^Expires after/).fill("30");
    await page.getByRole("button", { name: "Create token" }).click();
    const shown = page.getByTestId("api-token");
    await shown.waitFor();
    const token = (await shown.textContent()) ?? "";
    rememberSecret(seenSecrets, token);
    expect(token).toMatch(/^roost_[A-Za-z0-9_-]{43}$/);
    const row = page.getByRole("list", { name: "Your API tokens" }).getByRole("listitem").filter({
      hasText: "inventory",
    });
    await row.getByText(`${token.slice(0, 12)}…`).waitFor();
    expect(await row.textContent()).toMatch(/operate.*admin:read.*never used/);
    await saveScreenshot(page, "api-token-created");

    await page.getByRole("button", { name: "Done" }).click();
    expect(await shown.count()).toBe(0);
    await page.reload();
    await row.waitFor();
    expect(await page.content()).not.toContain(token.slice(12));

    await row.getByRole("button", { name: "Revoke inventory" }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Revoke inventory" }).click();
    await row.getByText("revoked", { exact: true }).waitFor();
    expect(await row.getByRole("button", { name: "Revoke inventory" }).count()).toBe(0);
  });
});
