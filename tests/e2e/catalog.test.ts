import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, inject, it } from "vitest";
import { launchBrowser, saveScreenshot, signInAsDemo, toast } from "../helpers/browser";

const portal = inject("portalUrl");
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

describe("the catalog an admin approves", () => {
  it("reaches alice: a newly approved template, per-VM limits and her quota", async () => {
    // Alice signs in first, so that she is on the admin's user list whichever test file ran before.
    const alice = await (await browser.newContext()).newPage();
    await signInAsDemo(alice, portal, "Alice");
    const admin = await (await browser.newContext()).newPage();
    await signInAsDemo(admin, portal, "Admin");
    await admin.goto(`${portal}/admin/catalog`);
    const approval = admin.getByRole("form", { name: "Approve template windows-server-2025" });
    await approval.getByLabel("Label").fill("Windows Server 2025");
    await approval.getByLabel("Default user").fill("administrator");
    await approval.getByRole("button", { name: "Approve template" }).click();
    await admin.getByRole("list", { name: "Approved templates" }).getByText("Windows Server 2025").waitFor();

    const limits = admin.getByRole("form", { name: "Limits per VM" });
    await limits.getByLabel("Cores, at most").fill("6");
    await limits.getByRole("button", { name: "Save limits" }).click();
    await toast(admin, "Saved.").waitFor();
    await saveScreenshot(admin, "admin-catalog");

    await admin.goto(`${portal}/admin/users`);
    await admin.getByTestId("user-row-alice").getByRole("link").click();
    await admin.getByRole("spinbutton", { name: "VMs" }).fill("4");
    await admin.getByRole("button", { name: "Save override" }).click();
    await admin.getByText("Override saved.").waitFor();

    await alice.goto(`${portal}/vms`);
    await alice.getByTestId("quota-vms").filter({ hasText: "/ 4" }).waitFor();
    await alice.goto(`${portal}/vms/new`);
    await alice.getByText("Windows Server 2025").waitFor();
    await alice.getByText("Cores (1–6)").waitFor();
    await saveScreenshot(alice, "alice-new-vm-catalog");

    await admin.goto(`${portal}/admin/catalog`);
    await admin.getByLabel("Cores, at most").fill("8");
    await admin.getByRole("button", { name: "Save limits" }).click();
    await toast(admin, "Saved.").waitFor();
  });
});
