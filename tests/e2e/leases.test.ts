import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import {
  deleteVmFromItsPage,
  launchBrowser,
  saveScreenshot,
  signInAsDemo,
  sweepWithReminderDue,
} from "../helpers/browser";

const portal = inject("portalUrl");
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

describe("a lease reminder, from the sweep to the renewal", () => {
  it("the admin sets reminders, the sweep writes to alice, and her renew link renews the VM", async () => {
    const alice = await (await browser.newContext()).newPage();
    await signInAsDemo(alice, portal, "Alice");
    await alice.getByRole("link", { name: "New VM" }).click();
    await alice.getByText(/debian 13/i).click();
    await alice.getByLabel("Name").fill("lease-demo");
    await alice.getByRole("button", { name: "Create VM" }).click();
    await alice.getByRole("link", { name: "Follow its progress" }).click();
    await alice.getByTestId("vm-state").filter({ hasText: "running" }).waitFor({ timeout: 60_000 });
    const vmUrl = alice.url();

    // A 90-day reminder makes the new VM's lease (90 days by default) due for one right away.
    const admin = await (await browser.newContext()).newPage();
    await signInAsDemo(admin, portal, "Admin");
    await sweepWithReminderDue(admin, portal);

    await alice.goto(`${portal}/mail`);
    const message = alice.getByRole("listitem").filter({ hasText: "lease-demo expires in 90 days" });
    await message.locator("summary").first().click();
    // The mail as sent, in a frame with no permissions: its markup shows, nothing in it runs.
    expect(await message.locator("iframe").getAttribute("sandbox")).toBe("");
    await message
      .frameLocator("iframe")
      .getByRole("heading", { name: "Your VM lease-demo expires in 90 days" })
      .waitFor();
    await message.frameLocator("iframe").getByRole("link", { name: "Renew the lease" }).first().waitFor();
    // Of the message alone: a full-page capture leaves the sandboxed frame blank.
    await message.screenshot({
      path: path.resolve(import.meta.dirname, "../../test-results/alice-mail-preview.png"),
    });
    await message.getByText("Plain text").click();
    await message.locator("iframe").waitFor({ state: "hidden" });
    await message.getByTestId("mail-text").waitFor();
    const text = (await message.getByTestId("mail-text").textContent()) ?? "";
    const link = /Renew the lease: (\S+)/.exec(text)?.[1];
    expect(link).toContain(`${vmUrl}?renew=`);
    await saveScreenshot(alice, "alice-mail-outbox");

    await alice.goto(link!);
    const card = alice.getByTestId("lease-card");
    await card.getByText(/Renew the lease until .+\?/).waitFor();
    await card.getByRole("button", { name: "Confirm renewal" }).click();
    await card
      .getByRole("status")
      .filter({ hasText: /Renewed: the lease now ends on/ })
      .waitFor();
    await saveScreenshot(alice, "alice-lease-renewed");

    // The link is alice's alone: bob, signed in, gets nothing from it.
    const bob = await (await browser.newContext()).newPage();
    await signInAsDemo(bob, portal, "Bob");
    expect((await bob.goto(link!))?.status()).toBe(404);

    await alice.goto(vmUrl);
    await alice.getByRole("button", { name: "Force stop" }).click();
    await alice.getByTestId("vm-state").filter({ hasText: "stopped" }).waitFor();
    await deleteVmFromItsPage(alice, "lease-demo");
    await alice.waitForURL(`${portal}/vms`);
  });
});
