import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, saveScreenshot, signInAsDemo } from "../helpers/browser";

const portal = inject("portalUrl");
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

describe("quotas set by an admin", () => {
  it("reach the member's dashboard", async () => {
    const alice = await (await browser.newContext()).newPage();
    await signInAsDemo(alice, portal, "Alice");

    const admin = await (await browser.newContext()).newPage();
    await signInAsDemo(admin, portal, "Admin");
    await admin.goto(`${portal}/admin/users`);
    await admin.getByTestId("user-row-alice").getByRole("link").click();
    await admin.getByRole("heading", { name: "Alice Martin" }).waitFor();
    await admin.getByRole("spinbutton", { name: "VMs" }).fill("5");
    await admin.getByRole("spinbutton", { name: /^Memory/ }).fill("24");
    await admin.getByRole("button", { name: "Save override" }).click();
    await admin.getByText("Override saved.").waitFor();
    await saveScreenshot(admin, "admin-user-quota");

    await alice.goto(`${portal}/vms`);
    expect(await alice.getByTestId("quota-vms").textContent()).toContain("0 / 5");
    expect(await alice.getByTestId("quota-memoryMb").textContent()).toContain("0 GiB / 24 GiB");
  });

  it("cannot be changed by an auditor", async () => {
    const page = await (await browser.newContext()).newPage();
    await signInAsDemo(page, portal, "Audrey");
    await page.goto(`${portal}/admin/groups`);
    expect(await page.getByRole("button", { name: "Save default quota" }).isDisabled()).toBe(true);
  });
});
