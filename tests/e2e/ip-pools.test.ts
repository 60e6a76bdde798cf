import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { deleteVmFromItsPage, launchBrowser, saveScreenshot, signInAsDemo } from "../helpers/browser";

const portal = inject("portalUrl");
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

describe("an IP pool on the lab network", () => {
  it("gives bob's new VM a static address and a name, shows it to the admin and in the exports, and takes it back", async () => {
    const admin = await (await browser.newContext()).newPage();
    await signInAsDemo(admin, portal, "Admin");
    await admin.goto(`${portal}/admin/ip-pools`);
    await admin.getByLabel("Subnet").fill("10.99.0.0/24");
    await admin.getByLabel("Gateway").fill("10.99.0.1");
    await admin.getByLabel("First address").fill("10.99.0.10");
    await admin.getByLabel("Last address").fill("10.99.0.20");
    await admin.getByLabel("DNS servers").fill("10.99.0.2");
    await admin.getByLabel("Domain").fill("lab.roost.test");
    await admin.getByRole("button", { name: "Add pool" }).click();
    await admin.getByRole("heading", { name: "lab.roost.test" }).waitFor();
    const poolUrl = admin.url();

    const bob = await (await browser.newContext()).newPage();
    await signInAsDemo(bob, portal, "Bob");
    await bob.getByRole("link", { name: "New VM" }).click();
    await bob.getByText(/debian 13/i).click();
    await bob.getByLabel("Name").fill("pooled");
    await bob.getByRole("button", { name: "Create VM" }).click();
    await bob.getByRole("link", { name: "Follow its progress" }).click();
    await bob.getByTestId("vm-state").filter({ hasText: "running" }).waitFor({ timeout: 60_000 });
    await bob
      .getByTestId("vm-address")
      .filter({ hasText: /^10\.99\.0\.10$/ })
      .waitFor({ timeout: 30_000 });
    await bob
      .getByTestId("vm-hostname")
      .filter({ hasText: /^pooled\.lab\.roost\.test$/ })
      .waitFor();
    await saveScreenshot(bob, "bob-vm-pool-address");

    await admin.goto(poolUrl);
    const row = admin.getByTestId("address-row-10.99.0.10");
    expect(await row.textContent()).toMatch(/pooled\.lab\.roost\.test.*pooled \(bob, running\).*in use/);
    await saveScreenshot(admin, "admin-ip-pool");
    const dnsmasq = await admin.request.get(`${portal}/api/ipam/export/dnsmasq`);
    expect(await dnsmasq.text()).toMatch(/^dhcp-host=bc:24:11(:[0-9a-f]{2}){3},10\.99\.0\.10,pooled$/m);
    const zone = await admin.request.get(`${portal}/api/ipam/export/zones/lab.roost.test`);
    expect(await zone.text()).toContain("pooled\tIN\tA\t10.99.0.10\n");
    expect((await bob.request.get(`${portal}/api/ipam/export/hosts`)).status()).toBe(404);

    await admin.getByRole("button", { name: "Remove pool" }).click();
    await admin.getByRole("alert").filter({ hasText: "1 VM has an address from this pool" }).waitFor();

    await deleteVmFromItsPage(bob, "pooled");
    await bob.waitForURL(`${portal}/vms`);

    await admin.reload();
    expect(await admin.getByTestId("address-row-10.99.0.10").textContent()).toContain("resting");
    await admin.getByRole("button", { name: "Remove pool" }).click();
    await admin.waitForURL(`${portal}/admin/ip-pools`);
    await admin.getByText("No pools yet").waitFor();
  });
});
