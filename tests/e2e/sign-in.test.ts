import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { sshKeys } from "../fixtures/ssh-keys";
import { clickDemoPerson, launchBrowser, saveScreenshot, signInAsDemo } from "../helpers/browser";

const portal = inject("portalUrl");
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

describe("signing in through the OpenID Connect provider", () => {
  it("sends an anonymous visitor to sign-in, and says demo mode is on", async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${portal}/admin/users`);
    expect(new URL(page.url()).pathname).toBe("/signin");
    expect(new URL(page.url()).searchParams.get("callbackUrl")).toBe("/admin/users");
    await expect(page.getByTestId("demo-banner").textContent()).resolves.toContain("Demo mode");
  });

  it("lands alice on her dashboard, lets her add an SSH key, and keeps the Admin section from her", async () => {
    const page = await (await browser.newContext()).newPage();
    await signInAsDemo(page, portal, "Alice");
    await page.getByRole("heading", { name: "Your VMs" }).waitFor();
    expect(await page.getByTestId("quota-vms").textContent()).toContain("0 / 3");
    expect(await page.getByTestId("signed-in-user").textContent()).toBe("Alice Martin");
    expect(await page.getByRole("link", { name: "Admin" }).count()).toBe(0);
    await saveScreenshot(page, "alice-dashboard");

    await page.getByRole("link", { name: "Profile" }).click();
    await page.getByLabel("Public key").fill(sshKeys.ed25519.line);
    await page.getByRole("button", { name: "Add key" }).click();
    await page.getByText(sshKeys.ed25519.fingerprint, { exact: false }).waitFor();
    await page.getByLabel("Public key").fill(sshKeys.rsa1024.line);
    await page.getByRole("button", { name: "Add key" }).click();
    await page.getByRole("alert").filter({ hasText: "at least 2048" }).waitFor();

    const response = await page.goto(`${portal}/admin`);
    expect(response?.status()).toBe(404);
    await page.getByRole("heading", { name: "Not found" }).waitFor();
  });

  it("shows admin the Admin section and the people who signed in", async () => {
    const page = await (await browser.newContext()).newPage();
    await signInAsDemo(page, portal, "Admin");
    await page.getByRole("link", { name: "Admin" }).click();
    await page.getByRole("heading", { name: "Overview" }).waitFor();
    await page.getByRole("link", { name: "Users" }).click();
    await page.getByTestId("user-row-admin").waitFor();
    expect(await page.locator('nav a[aria-current="page"]').allTextContents()).toEqual(["Admin", "Users"]);
    await saveScreenshot(page, "admin-users");
  });

  it("fits a phone screen", async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
    const page = await context.newPage();
    await signInAsDemo(page, portal, "Admin");
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.getByRole("link", { name: "Profile" }).click();
    await page.getByRole("heading", { name: "Profile" }).waitFor();
    expect(await page.locator('nav a[aria-current="page"]').allTextContents()).toEqual(["Profile"]);
    await saveScreenshot(page, "phone-profile");
  });

  it("lets auditors read admin pages but change nothing", async () => {
    const page = await (await browser.newContext()).newPage();
    await signInAsDemo(page, portal, "Audrey");
    await page.goto(`${portal}/admin/users`);
    const button = page.getByTestId("user-row-audrey").getByRole("button");
    expect(await button.isDisabled()).toBe(true);
  });

  it("gives a person in no allowed group a clear no-access page and no session", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${portal}/signin`);
    await page.getByRole("button", { name: /another account/ }).click();
    await page.getByLabel("Or type a username").fill("eve");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.waitForURL(/\/no-access/);
    await page.getByRole("heading", { name: "No access" }).waitFor();
    const cookies = await context.cookies(portal);
    expect(cookies.some((cookie) => cookie.name.includes("session-token"))).toBe(false);
    await page.goto(`${portal}/vms`);
    expect(new URL(page.url()).pathname).toBe("/signin");
  });

  it("ends a disabled user's access on their next request", async () => {
    const bobPage = await (await browser.newContext()).newPage();
    await signInAsDemo(bobPage, portal, "Bob");

    const adminPage = await (await browser.newContext()).newPage();
    await signInAsDemo(adminPage, portal, "Admin");
    await adminPage.goto(`${portal}/admin/users`);
    const row = adminPage.getByTestId("user-row-bob");
    await row.getByRole("button", { name: "Disable" }).click();
    await row.getByText("disabled").waitFor();

    await bobPage.goto(`${portal}/profile`);
    expect(new URL(bobPage.url()).pathname).toBe("/signin");

    await clickDemoPerson(bobPage, portal, "Bob");
    await bobPage.waitForURL(/\/no-access\?reason=disabled/);
    await bobPage.getByText("has been disabled").waitFor();

    await row.getByRole("button", { name: "Enable" }).click();
    await row.getByText("active").waitFor();
  });

  it("records sign-ins, refused ones included, in the audit log", async () => {
    const page = await (await browser.newContext()).newPage();
    await signInAsDemo(page, portal, "Admin");
    await page.goto(`${portal}/admin/audit?action=session.sign-in`);
    const rows = page.locator("tbody tr");
    await rows.first().waitFor();
    const text = (await rows.allTextContents()).join("\n");
    expect(text).toContain("Ada Admin");
    expect(text).toMatch(/eve\s*session\.sign-in.*denied/);
  });
});
