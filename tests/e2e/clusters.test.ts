import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { DEMO_TOKEN } from "@/pve-sim";
import { launchBrowser, saveScreenshot, signInAsDemo } from "../helpers/browser";

const portal = inject("portalUrl");
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

describe("clusters added by an admin", () => {
  it("are tested, saved with a secret never shown again, and removed", async () => {
    const page = await (await browser.newContext()).newPage();
    await signInAsDemo(page, portal, "Admin");
    await page.goto(`${portal}/admin/clusters`);
    await page.getByTestId("cluster-row-default").getByRole("link").click();
    await page.getByText("Configured by the environment").first().waitFor();
    const apiUrl = (await page.getByTestId("cluster-api-urls").textContent())!.trim();
    const fingerprint = (await page.getByTestId("cluster-fingerprint").textContent())!.trim();
    const [tokenId, secret] = DEMO_TOKEN.split("=") as [string, string];

    await page.goto(`${portal}/admin/clusters/new`);
    await page.getByLabel("Name", { exact: true }).fill("Second lab");
    await page.getByLabel("API URLs").fill(apiUrl);
    await page.getByLabel("API token id").fill(tokenId);
    await page.getByLabel("API token secret").fill(secret);
    await page.getByRole("textbox", { name: "SHA-256 fingerprint" }).fill(fingerprint);
    await page.getByRole("button", { name: "Test connection" }).click();
    await page
      .getByTestId("connection-result")
      .filter({ hasText: /Connected: Proxmox VE.*Nodes: \w+/ })
      .waitFor();
    await page.getByRole("button", { name: "Add cluster" }).click();

    await page.waitForURL(`${portal}/admin/clusters/second-lab`);
    const secretField = page.getByLabel("API token secret");
    expect(await secretField.inputValue()).toBe("");
    expect(await secretField.getAttribute("placeholder")).toBe("stored — leave empty to keep");
    expect(await page.content()).not.toContain(secret);
    await page.getByRole("button", { name: "Test connection" }).click();
    await page.getByText("Connected: Proxmox VE").waitFor();
    await saveScreenshot(page, "admin-cluster-edit");

    await page.getByRole("button", { name: "Remove cluster" }).click();
    await page.getByRole("button", { name: "Remove Second lab for good" }).click();
    await page.waitForURL(`${portal}/admin/clusters`);
    expect(await page.getByTestId("cluster-row-second-lab").count()).toBe(0);
  });
});
