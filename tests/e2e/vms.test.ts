import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import {
  deleteVmFromItsPage,
  launchBrowser,
  saveScreenshot,
  signInAsDemo,
  watchCspViolations,
} from "../helpers/browser";
import { rememberSecret } from "../helpers/log-secrets";

const portal = inject("portalUrl");
const seenSecrets = inject("seenSecretsFile");
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

describe("a member's VM, from creation to deletion", () => {
  it("alice creates a VM from a template, sees it running with an address, stops it and deletes it; bob cannot see it", async () => {
    const context = await browser.newContext({ permissions: ["clipboard-read", "clipboard-write"] });
    const page = await context.newPage();
    // Console tickets ride in the websocket URL; the suite's teardown checks none reached the logs.
    page.on("websocket", (socket) =>
      rememberSecret(seenSecrets, new URL(socket.url()).searchParams.get("token")),
    );
    const cspViolations = await watchCspViolations(page);
    await signInAsDemo(page, portal, "Alice");
    await page.getByRole("link", { name: "New VM" }).click();
    await page.getByText(/debian 13/i).click();
    await page.getByLabel("Name").fill("web-1");
    await page.getByRole("button", { name: "Create VM" }).click();
    const password = await page.getByTestId("vm-password").textContent();
    expect(password).toMatch(/^[A-Za-z0-9]{16}$/);
    rememberSecret(seenSecrets, password);
    await page.getByRole("button", { name: "Copy" }).click();
    await page.getByRole("button", { name: "Copied" }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(password);

    await page.getByRole("link", { name: "Follow its progress" }).click();
    await page.getByTestId("vm-state").filter({ hasText: "running" }).waitFor({ timeout: 60_000 });
    await page
      .getByTestId("vm-address")
      .filter({ hasText: /^10\.42\.\d+\.\d+$/ })
      .waitFor({ timeout: 30_000 });
    await saveScreenshot(page, "alice-vm-running");
    const vmUrl = page.url();

    // The VM page's charts drew under the policy: Recharts' time axis over the hour and, the VM having run
    // for less than a minute, a note that its figures are being collected.
    const cpuChart = page.getByTestId("usage-chart-cpu");
    const cpuPlot = cpuChart.getByRole("img", { name: "CPU over time" });
    const timeAxis = cpuPlot.locator(".recharts-xAxis-tick-labels");
    await timeAxis.locator(".recharts-cartesian-axis-tick-value").first().waitFor();
    // Times of day in the browser's locale: "1:03 AM" here, "01:03" in French.
    expect(await timeAxis.textContent()).toMatch(/^(\d{1,2}:\d\d(\s?[AP]M)?)+$/);
    await cpuChart.getByText(/^Collecting data/).waitFor();
    await page.getByRole("img", { name: "Network over time" }).waitFor();
    await saveScreenshot(page, "alice-vm-charts");
    expect(await cspViolations()).toEqual([]);

    const consoleResponse = page.waitForResponse((response) => response.url().endsWith("/console"));
    await page.getByRole("link", { name: "Console", exact: true }).click();
    const policy = (await (await consoleResponse).allHeaders())["content-security-policy"] ?? "";
    expect(policy).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    await page
      .getByTestId("console-status")
      .filter({ hasText: "Connected to web-1" })
      .waitFor({ timeout: 30_000 });
    // The VM's screen, not a blank canvas: noVNC drew more than one colour.
    await page.waitForFunction(
      () => {
        const canvas = document.querySelector("#console-frame canvas") as HTMLCanvasElement | null;
        if (!canvas || canvas.width === 0) return false;
        const pixels = canvas.getContext("2d")!.getImageData(0, 0, canvas.width, canvas.height).data;
        const colours = new Set<number>();
        for (let index = 0; index < pixels.length; index += 4 * 97)
          colours.add((pixels[index]! << 16) | (pixels[index + 1]! << 8) | pixels[index + 2]!);
        return colours.size > 1;
      },
      undefined,
      { timeout: 30_000 },
    );
    await saveScreenshot(page, "alice-vm-console");

    await page.getByRole("link", { name: "Serial console" }).click();
    await page
      .getByTestId("console-status")
      .filter({ hasText: "Connected to web-1 (serial)" })
      .waitFor({ timeout: 30_000 });
    await page.getByTestId("serial-terminal").click();
    await page.keyboard.type("echo typed-in-the-browser");
    await page.keyboard.press("Enter");
    await page
      .getByTestId("serial-terminal")
      .filter({ hasText: "typed-in-the-browser" })
      .waitFor({ timeout: 15_000 });
    await saveScreenshot(page, "alice-vm-serial");
    // noVNC and xterm.js ran under the portal's CSP without it blocking anything.
    expect(await cspViolations()).toEqual([]);
    await page.goto(`${portal}/vms`);
    await page.getByTestId("vm-row-web-1").waitFor();
    await page.goto(vmUrl);

    const bob = await (await browser.newContext()).newPage();
    await signInAsDemo(bob, portal, "Bob");
    expect((await bob.goto(vmUrl))?.status()).toBe(404);
    expect((await bob.goto(`${vmUrl}/console`))?.status()).toBe(404);
    expect((await bob.goto(`${vmUrl}/serial`))?.status()).toBe(404);
    // The same row alice just saw on her list is not on bob's.
    await bob.goto(`${portal}/vms`);
    await bob.getByRole("heading", { name: "Your VMs" }).waitFor();
    expect(await bob.getByTestId("vm-row-web-1").count()).toBe(0);

    await page.getByLabel("Snapshot name").fill("before-upgrade");
    await page.getByRole("button", { name: "Take snapshot" }).click();
    await page.getByRole("list", { name: "Snapshots" }).getByText("before-upgrade").waitFor();

    await page.getByRole("button", { name: "Force stop" }).click();
    await page.getByTestId("vm-state").filter({ hasText: "stopped" }).waitFor();
    await page.getByRole("button", { name: "Start" }).waitFor();

    await deleteVmFromItsPage(page, "web-1");
    await page.waitForURL(`${portal}/vms`);
    expect(await page.getByTestId("vm-row-web-1").count()).toBe(0);
  });

  it("bob installs from an ISO with UEFI and sees it boot the installer", async () => {
    const page = await (await browser.newContext()).newPage();
    await signInAsDemo(page, portal, "Bob");
    await page.goto(`${portal}/vms/new`);
    await page.getByRole("link", { name: "Install from an ISO" }).click();
    await page.getByLabel("Installer ISO").selectOption({ label: "debian-13.1.0-amd64-netinst" });
    await page.getByLabel("Name").fill("lab-1");
    await page.getByLabel(/UEFI with TPM/).check();
    await page.getByRole("button", { name: "Create and boot the installer" }).click();
    await page.getByTestId("vm-state").filter({ hasText: "running" }).waitFor({ timeout: 60_000 });
    await page.getByText(/install it from the console/).waitFor();
    await deleteVmFromItsPage(page, "lab-1");
    await page.waitForURL(`${portal}/vms`);
  });
});
