import { randomBytes } from "node:crypto";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "@/scripts/free-port";
import { launchBrowser, saveScreenshot, signInAsDemo } from "../helpers/browser";
import { type Container, imageFrom, podman, startContainer, waitUntilServing } from "../helpers/container";

const image = imageFrom("ROOST_PORTAL_IMAGE");
let browser: Browser;

/** `docker run roost` with nothing but the ports, each on a free one here (the host's network). */
async function demoContainer(start: Parameters<typeof startContainer>[1] = {}) {
  const port = await freePort();
  const container = await startContainer(image, {
    ...start,
    env: {
      HOST: "127.0.0.1",
      PORT: String(port),
      PVE_SIM_PORT: String(await freePort()),
      PVE_SIM_TASK_SPEED: "4",
    },
  });
  const url = `http://localhost:${port}`;
  try {
    await waitUntilServing(container, `${url}/api/health`);
  } catch (error) {
    await container.stop();
    throw error;
  }
  return { container, url };
}

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

describe("the portal image with no configuration, on a read-only root filesystem", () => {
  let demo: { container: Container; url: string };
  beforeAll(async () => {
    demo = await demoContainer({ readOnly: true });
  });
  afterAll(() => demo?.container.stop());

  it("runs the demo as `npm start` does, announced by the same banner, as the unprivileged user", async () => {
    const logs = await demo.container.logs();
    expect(logs).toMatch(/^Proxmox VE simulator: https:\/\/127\.0\.0\.1:\d+\/api2\/json/m);
    expect(logs).toContain(`Console relay: ${demo.url.replace("http", "ws")}/console/ws`);
    // The provider's own origin, on the same port: localhost's other loopback name.
    expect(logs).toContain(`Demo identity provider: ${demo.url.replace("localhost", "127.0.0.1")}/demo-idp`);
    expect(logs).toContain(`Roost (demo mode) at ${demo.url}, listening on 127.0.0.1:`);
    expect((await demo.container.exec("id", "-u")).trim()).toBe("1000");
  });

  it("signs alice in through its identity provider, makes her VM on its simulator and opens the console through its relay", async () => {
    const page = await (await browser.newContext()).newPage();
    await signInAsDemo(page, demo.url, "Alice");
    await page.getByRole("link", { name: "New VM" }).click();
    await page.getByText(/debian 13/i).click();
    await page.getByLabel("Name").fill("boxed-1");
    await page.getByRole("button", { name: "Create VM" }).click();
    await page.getByTestId("vm-password").waitFor();
    await page.getByRole("link", { name: "Follow its progress" }).click();
    await page.getByTestId("vm-state").filter({ hasText: "running" }).waitFor({ timeout: 60_000 });
    await page.getByRole("link", { name: "Console", exact: true }).click();
    await page
      .getByTestId("console-status")
      .filter({ hasText: "Connected to boxed-1" })
      .waitFor({ timeout: 30_000 });
    await saveScreenshot(page, "image-demo-console");
  });

  it("changed nothing in the image's filesystem", async () => {
    expect(await demo.container.diff()).toEqual([]);
  });
});

describe("the portal image on a writable root filesystem, with a named volume", () => {
  it("writes only to /data (the volume, owned by its user) and /tmp, and keeps the data across containers", async () => {
    const volume = `roost-test-data-${randomBytes(4).toString("hex")}`;
    try {
      const first = await demoContainer({ volumes: [`${volume}:/data`] });
      try {
        const page = await (await browser.newContext()).newPage();
        await signInAsDemo(page, first.url, "Admin");
        await page.goto(`${first.url}/admin/users`);
        await page.getByTestId("user-row-admin").waitFor();
        const changed = (await first.container.diff()).filter((line) => !/^[AC] \/tmp(\/|$)/.test(line));
        expect(changed).toEqual([]);
        const data = (await first.container.exec("ls", "-A", "/data")).split("\n").filter(Boolean);
        expect(data).toEqual(expect.arrayContaining(["pglite", "pve-sim"]));
        expect((await first.container.exec("stat", "-c", "%u", "/data/pglite")).trim()).toBe("1000");
      } finally {
        await first.container.stop();
      }
      const second = await demoContainer({ volumes: [`${volume}:/data`], readOnly: true });
      try {
        const page = await (await browser.newContext()).newPage();
        await signInAsDemo(page, second.url, "Admin");
        await page.goto(`${second.url}/admin/audit?action=session.sign-in`);
        // Two sign-ins: the first container's, kept in the volume, and this one.
        await page.locator("tbody tr").nth(1).waitFor();
      } finally {
        await second.container.stop();
      }
    } finally {
      await podman("volume", "rm", "--force", volume).catch(() => "");
    }
  });
});
