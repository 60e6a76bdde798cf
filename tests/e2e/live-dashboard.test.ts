import { request } from "node:https";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_TOKEN } from "@/pve-sim";
import { launchBrowser, saveScreenshot, signInAsDemo } from "../helpers/browser";
import { type RunningPortal, startPortal } from "../helpers/portal-server";

// A demo of its own with a short status period, so the test waits for one period, not pvestatd's 10 s.
const PERIOD_MS = 1500;
let browser: Browser;
let portal: RunningPortal;

beforeAll(async () => {
  browser = await launchBrowser();
  portal = await startPortal({ ROOST_STATUS_PERIOD_MS: String(PERIOD_MS), LOG_LEVEL: "debug" });
});
afterAll(async () => {
  await browser?.close();
  await portal?.stop();
});

/** The poller's last word in the portal's log: it starts with the first open stream, stops with the last. */
function pollerState(): "started" | "stopped" | undefined {
  const said = [...portal.logs().matchAll(/live status poller (started|stopped)/g)];
  return said.at(-1)?.[1] as "started" | "stopped" | undefined;
}

/** What someone with the cluster's own token does in Proxmox's UI: nothing the portal is told about. */
function stopOnProxmox(node: string, vmid: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const call = request(
      {
        host: "127.0.0.1",
        port: portal.ports.simPort,
        method: "POST",
        path: `/api2/json/nodes/${node}/qemu/${vmid}/status/stop`,
        headers: { authorization: `PVEAPIToken=${DEMO_TOKEN}` },
        // The simulator's certificate is made up at its first start; this is a loopback test rig.
        rejectUnauthorized: false,
      },
      (response) => {
        response.resume();
        response.on("end", () => resolve(response.statusCode ?? 0));
      },
    );
    call.on("error", reject);
    call.end();
  });
}

describe("an open dashboard", () => {
  it("shows a VM stopped outside the portal within a status period, without reloading the page", async () => {
    const page = await (await browser.newContext()).newPage();
    await signInAsDemo(page, portal.url, "Alice");
    await page.getByRole("link", { name: "New VM" }).click();
    await page.getByText(/debian 13/i).click();
    await page.getByLabel("Name").fill("pushed");
    await page.getByRole("button", { name: "Create VM" }).click();
    await page.getByRole("link", { name: "Follow its progress" }).click();
    // Provisioning is followed over the live stream too: the page has no timer of its own.
    await page.getByTestId("vm-state").filter({ hasText: "running" }).waitFor({ timeout: 60_000 });
    const server = (await page.getByTestId("vm-server").textContent()) ?? "";
    const [, node, vmid] = server.match(/^(\S+) \(VM (\d+)\)$/) ?? [];
    expect(node).toBeTruthy();

    await page.goto(`${portal.url}/vms`);
    const row = page.getByTestId("vm-row-pushed");
    await row.getByTestId("vm-state").filter({ hasText: "running" }).waitFor();
    await page.evaluate(() => {
      (window as unknown as { sameDocument: boolean }).sameDocument = true;
    });
    const renders: string[] = [];
    // A render of the dashboard (a reload, or router.refresh()); link prefetches of other pages do not count.
    page.on("request", (sent) => {
      const headers = sent.headers();
      const dashboard = new URL(sent.url()).pathname === "/vms";
      if (dashboard && !headers["next-router-prefetch"] && (headers.rsc || sent.isNavigationRequest()))
        renders.push(sent.url());
    });

    expect(await stopOnProxmox(node!, Number(vmid))).toBe(200);
    // One period for the poll, and as long again for the task and the way to the browser.
    await row
      .getByTestId("vm-state")
      .filter({ hasText: "stopped" })
      .waitFor({ timeout: 2 * PERIOD_MS + 2000 });
    await saveScreenshot(page, "live-dashboard-stopped");
    expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(
      true,
    );
    expect(renders).toEqual([]);

    // The admin pages that follow the admin stream draw, and throw nothing in the browser.
    const adminPage = await (await browser.newContext()).newPage();
    const errors: string[] = [];
    adminPage.on("pageerror", (error) => errors.push(error.message));
    await signInAsDemo(adminPage, portal.url, "Admin");
    await adminPage.goto(`${portal.url}/admin/vms`);
    await adminPage.getByTestId("admin-vm-pushed").getByTestId("vm-state").waitFor();
    await adminPage.goto(`${portal.url}/admin/jobs`);
    await adminPage.getByRole("heading", { name: "Jobs" }).waitFor();
    await adminPage.close();
    expect(errors).toEqual([]);

    // Closing the tab ends its stream on the server, and with the last stream the cluster's poller.
    expect(pollerState()).toBe("started");
    await page.close();
    for (let waited = 0; pollerState() !== "stopped" && waited < 10_000; waited += 250)
      await new Promise((resolve) => setTimeout(resolve, 250));
    expect(pollerState()).toBe("stopped");
  });
});
