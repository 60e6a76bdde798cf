import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { sshKeys } from "../fixtures/ssh-keys";
import {
  deleteVmFromItsPage,
  fieldError,
  formError,
  launchBrowser,
  saveScreenshot,
  signInAsDemo,
} from "../helpers/browser";

const portal = inject("portalUrl");
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

async function signedIn(person: "Alice" | "Bob"): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signInAsDemo(page, portal, person);
  return page;
}

// One describe per form: each case fills the form, submits, and finds the message inside the field's group.
describe("the create-VM form shows each problem at its field", () => {
  it("names a bad name and a size out of range under those fields, and a refusal over quota above the button", async () => {
    const page = await signedIn("Bob");
    await page.goto(`${portal}/vms/new`);
    await page.getByLabel("Name", { exact: true }).fill("1web");
    await page.getByLabel(/^Cores/).fill("64");
    await page.getByLabel(/^Disk, GiB/).fill("");
    await page.getByRole("button", { name: "Create VM" }).click();

    await fieldError(page, "Name").filter({ hasText: "Start the name with a letter." }).waitFor();
    expect(await fieldError(page, /^Cores/).textContent()).toBe("Pick between 1 and 8 cores.");
    expect(await fieldError(page, /^Disk, GiB/).textContent()).toBe("Enter the disk as a whole number.");
    expect(await fieldError(page, /^Memory, GiB/).count()).toBe(0);
    expect(await page.getByLabel(/^Cores/).getAttribute("aria-invalid")).toBe("true");
    await saveScreenshot(page, "form-errors-create-vm");

    // Fixed, it goes through and takes all of bob's cores.
    await page.getByLabel("Name", { exact: true }).fill("quota-filler");
    await page.getByLabel(/^Cores/).fill("8");
    await page.getByLabel(/^Disk, GiB/).fill("20");
    await page.getByRole("button", { name: "Create VM" }).click();
    await page.getByTestId("vm-password").waitFor();
    await page.getByRole("link", { name: "Follow its progress" }).click();
    await page.waitForURL(/\/vms\/[0-9a-f-]{36}$/);
    const fillerUrl = page.url();

    // The server's refusal belongs to no one field: it shows once, above the button.
    await page.goto(`${portal}/vms/new`);
    await page.getByLabel("Name", { exact: true }).fill("one-too-many");
    await page.getByLabel(/^Cores/).fill("1");
    await page.getByRole("button", { name: "Create VM" }).click();
    await formError(page).filter({ hasText: "but you have 0 cores left of 8 cores" }).waitFor();
    expect(await page.getByRole("alert").filter({ hasText: "cores left" }).count()).toBe(1);

    await page.goto(fillerUrl);
    await page.getByTestId("vm-state").filter({ hasText: "running" }).waitFor({ timeout: 60_000 });
    await deleteVmFromItsPage(page, "quota-filler");
    await page.waitForURL(`${portal}/vms`);
  });
});

describe("the SSH key form shows each problem at its field", () => {
  it("asks for the key under the key box, a shorter name under the name, and shows the server's refusal", async () => {
    const page = await signedIn("Bob");
    await page.goto(`${portal}/profile`);
    await page.getByLabel("Name (optional)").fill("x".repeat(61));
    await page.getByRole("button", { name: "Add key" }).click();
    await fieldError(page, "Public key").filter({ hasText: "Paste your public key" }).waitFor();
    expect(await fieldError(page, "Name (optional)").textContent()).toBe(
      "Keep the name to 60 characters or fewer.",
    );

    await page.getByLabel("Name (optional)").fill("old laptop");
    await page.getByLabel("Public key").fill(sshKeys.rsa1024.line);
    await page.getByRole("button", { name: "Add key" }).click();
    // The key passed the form's checks; the server's reading of it refuses it, once, in the form.
    await page.getByRole("alert").filter({ hasText: "at least 2048" }).waitFor();
    expect(await page.getByRole("alert").filter({ hasText: "at least 2048" }).count()).toBe(1);
  });
});
