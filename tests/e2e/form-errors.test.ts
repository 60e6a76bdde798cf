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

async function signedIn(person: "Alice" | "Bob" | "Admin"): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signInAsDemo(page, portal, person);
  return page;
}

// One describe per form: each case fills the form, submits, and finds the message inside the field's group.
describe("the create-VM form shows each problem at its field", () => {
  it("says a bad name and a size out of range under those fields, a taken name under the name, and a refusal over quota above the button", async () => {
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

    // Fixed, it goes through and takes 7 of bob's 8 cores.
    await page.getByLabel("Name", { exact: true }).fill("quota-filler");
    await page.getByLabel(/^Cores/).fill("7");
    await page.getByLabel(/^Disk, GiB/).fill("20");
    await page.getByRole("button", { name: "Create VM" }).click();
    await page.getByTestId("vm-password").waitFor();
    await page.getByRole("link", { name: "Follow its progress" }).click();
    await page.waitForURL(/\/vms\/[0-9a-f-]{36}$/);
    const fillerUrl = page.url();

    // Only the server knows the name is taken; it says so at the name, once.
    await page.goto(`${portal}/vms/new`);
    await page.getByLabel("Name", { exact: true }).fill("quota-filler");
    await page.getByLabel(/^Cores/).fill("1");
    await page.getByRole("button", { name: "Create VM" }).click();
    await fieldError(page, "Name")
      .filter({ hasText: "You already have a VM called quota-filler." })
      .waitFor();
    expect(await page.getByRole("alert").filter({ hasText: "already have" }).count()).toBe(1);

    // Over quota belongs to no one field: it shows once, above the button.
    await page.getByLabel("Name", { exact: true }).fill("one-too-many");
    await page.getByLabel(/^Cores/).fill("2");
    await page.getByRole("button", { name: "Create VM" }).click();
    await formError(page).filter({ hasText: "left of 8 cores" }).waitFor();
    expect(await page.getByRole("alert").filter({ hasText: "left of 8 cores" }).count()).toBe(1);
    expect(await fieldError(page, "Name").count()).toBe(0);

    await page.goto(fillerUrl);
    await page.getByTestId("vm-state").filter({ hasText: "running" }).waitFor({ timeout: 60_000 });
    await deleteVmFromItsPage(page, "quota-filler");
    await page.waitForURL(`${portal}/vms`);
  });
});

describe("the SSH key form shows each problem at its field", () => {
  it("asks for the key under the key box and a shorter name under the name, and puts the server's refusal of the key at the key", async () => {
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
    // The key passed the form's checks; the server's reading of it refuses it, at the key, once.
    await fieldError(page, "Public key").filter({ hasText: "at least 2048" }).waitFor();
    expect(await page.getByRole("alert").filter({ hasText: "at least 2048" }).count()).toBe(1);
    expect(await fieldError(page, "Name (optional)").count()).toBe(0);
  });
});

describe("the cluster form shows each problem at its field", () => {
  it("names a plain-http URL, a malformed token id and a short fingerprint under those fields, before anything is tried", async () => {
    const page = await signedIn("Admin");
    await page.goto(`${portal}/admin/clusters/new`);
    await page.getByLabel("Name", { exact: true }).fill("Broken lab");
    await page.getByLabel("API URLs").fill("http://pve1.example.org:8006");
    await page.getByLabel("API token id").fill("roost-portal");
    await page.getByLabel("API token secret").fill("secret");
    await page.getByRole("textbox", { name: "SHA-256 fingerprint" }).fill("AA:BB:CC");
    await page.getByRole("button", { name: "Test connection" }).click();

    await fieldError(page, "API URLs").filter({ hasText: "use an https:// URL" }).waitFor();
    expect(await fieldError(page, "API token id").textContent()).toMatch(/looks like user@realm!tokenname/);
    expect(await fieldError(page, "SHA-256 fingerprint").textContent()).toBe(
      "A SHA-256 fingerprint has 32 hex bytes.",
    );
    expect(await fieldError(page, "Name").count()).toBe(0);
    expect(await page.getByLabel("API URLs").getAttribute("aria-invalid")).toBe("true");
    expect(await page.getByTestId("connection-result").count()).toBe(0);
    await saveScreenshot(page, "form-errors-cluster");

    // Adding checks the same rules: nothing is saved, the page stays.
    await page.getByRole("button", { name: "Add cluster" }).click();
    await fieldError(page, "API URLs").filter({ hasText: "use an https:// URL" }).waitFor();
    expect(page.url()).toBe(`${portal}/admin/clusters/new`);
  });
});

describe("the quota forms show each problem at its field", () => {
  it("refuses a negative number of VMs under that field and keeps the override unsaved", async () => {
    const page = await signedIn("Admin");
    await page.goto(`${portal}/admin/users`);
    await page.getByTestId("user-row-bob").getByRole("link").click();
    await page.getByRole("button", { name: "Save override" }).waitFor();
    await page.getByLabel("VMs", { exact: true }).fill("-1");
    await page.getByLabel("Snapshots", { exact: true }).fill("");
    await page.getByRole("button", { name: "Save override" }).click();

    await fieldError(page, "VMs").filter({ hasText: "Use 0 or more" }).waitFor();
    expect(await fieldError(page, "Snapshots").textContent()).toBe("Enter a number.");
    expect(await fieldError(page, "Cores").count()).toBe(0);
    expect(await page.getByText("Override saved.").count()).toBe(0);
  });
});

describe("the lease settings form shows each problem at its field", () => {
  it("names a reminder day that is not a number, and a lease longer than the furthest renewal", async () => {
    const page = await signedIn("Admin");
    await page.goto(`${portal}/admin/settings`);
    const reminders = page.getByLabel("Reminders (days before the end)");
    const original = await reminders.inputValue();
    await reminders.fill("14, soon");
    await page.getByRole("button", { name: "Save lease settings" }).click();
    await fieldError(page, "Reminders (days before the end)")
      .filter({ hasText: "Reminders are days before the end" })
      .waitFor();

    await reminders.fill(original);
    await page.getByLabel("Lease length (days)").fill("400");
    await page.getByLabel("Furthest renewal (days from now)").fill("200");
    await page.getByRole("button", { name: "Save lease settings" }).click();
    await fieldError(page, "Furthest renewal (days from now)")
      .filter({ hasText: "The lease length cannot be beyond the furthest renewal." })
      .waitFor();
    expect(await fieldError(page, "Reminders (days before the end)").count()).toBe(0);
    expect(await fieldError(page, "Lease length (days)").count()).toBe(0);
  });
});

describe("the ISO form shows each problem at its field", () => {
  it("says a bad name and a missing disk size under those fields, and creates nothing", async () => {
    const page = await signedIn("Alice");
    await page.goto(`${portal}/vms/new?source=iso`);
    await page.getByLabel("Name", { exact: true }).fill("-installer");
    await page.getByLabel(/^Disk, GiB/).fill("");
    await page.getByRole("button", { name: "Create and boot the installer" }).click();

    await fieldError(page, "Name")
      .filter({ hasText: /letter/ })
      .waitFor();
    expect(await fieldError(page, /^Disk, GiB/).textContent()).toBe("Enter the disk as a whole number.");
    expect(await fieldError(page, /^Cores/).count()).toBe(0);
    expect(page.url()).toBe(`${portal}/vms/new?source=iso`);
  });
});

describe("the IP pool form shows each problem at its field", () => {
  it("names a subnet that is not one and a last address that is no address under those fields", async () => {
    const page = await signedIn("Admin");
    await page.goto(`${portal}/admin/ip-pools`);
    const pool = page.getByRole("form", { name: "New pool" });
    await pool.getByLabel("Subnet").fill("10.98.0.0/33");
    await pool.getByLabel("First address").fill("10.98.0.10");
    await pool.getByLabel("Last address").fill("not-an-address");
    await pool.getByLabel("DNS servers").fill("10.98.0.2");
    await pool.getByLabel("Domain").fill("errors.roost.test");
    await pool.getByRole("button", { name: "Add pool" }).click();

    await fieldError(pool, "Subnet").filter({ hasText: "like 10.20.0.0/24" }).waitFor();
    expect(await fieldError(pool, "Last address to hand out").textContent()).toBe(
      "Enter the last address Roost may hand out.",
    );
    expect(await fieldError(pool, "DNS servers").count()).toBe(0);
    expect(await page.getByRole("heading", { name: "errors.roost.test" }).count()).toBe(0);
  });
});

describe("the network form shows each problem at its field", () => {
  it("asks for a bridge name Proxmox would accept, under the bridge", async () => {
    const page = await signedIn("Admin");
    await page.goto(`${portal}/admin/catalog`);
    const network = page.getByRole("form", { name: "Add a network" });
    await network.getByLabel("Bridge").fill("0bridge");
    await network.getByLabel("Label").fill("Broken network");
    await network.getByRole("button").click();

    await fieldError(network, "Bridge").filter({ hasText: "A bridge name like vmbr0." }).waitFor();
    expect(await fieldError(network, "Label").count()).toBe(0);
  });
});
