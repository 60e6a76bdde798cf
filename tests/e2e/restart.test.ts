import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_CLIENT_SECRET } from "@/lib/authz/demo-client";
import { DEMO_TOKEN } from "@/pve-sim";
import { deleteVmFromItsPage, launchBrowser, signInAsDemo } from "../helpers/browser";
import { leakedSecrets } from "../helpers/log-secrets";
import { type RunningPortal, simulatorTokenSecrets, startPortal } from "../helpers/portal-server";

// A demo of its own, started as `npm start` starts it with no settings at all: its secrets are made up
// and kept in the data folder, and the portal's Proxmox token is made anew at each start.
const dataDir = mkdtempSync(path.join(tmpdir(), "roost-e2e-restart-"));
let browser: Browser;
let first: RunningPortal | undefined;
let second: RunningPortal | undefined;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await first?.stop();
  await second?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("the demo started again on the same data folder", () => {
  it("is ready again and still runs the VMs made before, through its new Proxmox token", async () => {
    first = await startPortal({}, { dataDir });
    const portal = first.url;
    const page = await (await browser.newContext()).newPage();
    await signInAsDemo(page, portal, "Alice");
    await page.getByRole("link", { name: "New VM" }).click();
    await page.getByText(/debian 13/i).click();
    await page.getByLabel("Name").fill("survivor");
    await page.getByRole("button", { name: "Create VM" }).click();
    await page.getByRole("link", { name: "Follow its progress" }).click();
    await page.getByTestId("vm-state").filter({ hasText: "running" }).waitFor({ timeout: 60_000 });
    const vmUrl = page.url();
    const firstTokens = simulatorTokenSecrets(dataDir);
    await first.stop();

    second = await startPortal({}, { dataDir, ports: first.ports });
    const ready = await fetch(`${portal}/api/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ready: true });

    // The session outlives the restart: the portal's signing secret was kept in the data folder.
    await page.goto(vmUrl);
    await page.getByTestId("vm-state").filter({ hasText: "running" }).waitFor();
    await page.getByRole("button", { name: "Force stop" }).click();
    await page.getByTestId("vm-state").filter({ hasText: "stopped" }).waitFor();
    await deleteVmFromItsPage(page, "survivor");
    await page.waitForURL(`${portal}/vms`);
    expect(await page.getByTestId("vm-row-survivor").count()).toBe(0);

    const secretsSeen = {
      PVE_TOKEN_SECRET: [DEMO_TOKEN.split("=")[1]!, ...firstTokens, ...simulatorTokenSecrets(dataDir)],
      DEMO_CLIENT_SECRET,
    };
    expect(leakedSecrets(first.logs() + second.logs(), secretsSeen)).toEqual([]);
  });
});
