import { readFileSync } from "node:fs";
import { request } from "node:https";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_TOKEN } from "@/pve-sim";
import { launchBrowser, saveScreenshot, signInAsDemo, toast } from "../helpers/browser";
import { type RunningPortal, startPortal } from "../helpers/portal-server";

// A demo of its own: the test changes a guest's files through the simulator's control port, which the
// shared portal does not expose.
let browser: Browser;
let portal: RunningPortal;

beforeAll(async () => {
  browser = await launchBrowser();
  portal = await startPortal();
});
afterAll(async () => {
  await browser?.close();
  await portal?.stop();
});

/** Asks the simulator directly, as a test rig: the guest's disk changing, or the cluster's state. */
function simulator(method: "GET" | "POST", path: string, body?: unknown): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const call = request(
      {
        host: "127.0.0.1",
        port: portal.ports.simPort,
        method,
        path,
        headers: { authorization: `PVEAPIToken=${DEMO_TOKEN}`, "content-type": "application/json" },
        // The simulator's certificate is made up at its first start; this is a loopback test rig.
        rejectUnauthorized: false,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          if ((response.statusCode ?? 500) >= 300)
            reject(new Error(`${path}: ${response.statusCode} ${text}`));
          else resolve(JSON.parse(text));
        });
      },
    );
    call.on("error", reject);
    call.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

const writeGuestFile = (vmid: number, path: string, data: string | null) =>
  simulator("POST", "/_sim/guest-files", { vmid, path, data });

async function guestFilesOf(vmid: number): Promise<Record<string, { data: string }>> {
  const state = (await simulator("GET", "/_sim/state")) as {
    vms: { vmid: number; files?: Record<string, { data: string }> }[];
  };
  return state.vms.find((vm) => vm.vmid === vmid)?.files ?? {};
}

/** The VM page's "Server" fact: "pve1 (VM 101)". */
async function vmidOnItsPage(page: Page): Promise<number> {
  const server = (await page.getByTestId("vm-server").textContent()) ?? "";
  const [, vmid] = server.match(/\(VM (\d+)\)$/) ?? [];
  expect(vmid).toBeTruthy();
  return Number(vmid);
}

async function downloaded(page: Page, link: ReturnType<Page["getByRole"]>): Promise<Buffer> {
  const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
  return readFileSync(await download.path());
}

describe("a member's backups", () => {
  it("alice backs up her VM, loses a file, takes it back from the backup, then restores the whole VM as a new one and over the original", async () => {
    const admin = await (await browser.newContext()).newPage();
    await signInAsDemo(admin, portal.url, "Admin");
    await admin.goto(`${portal.url}/admin/backups`);
    const approval = admin.getByRole("form", { name: "Approve backup storage pbs" });
    await approval.getByLabel("Label").fill("Backup server");
    await approval.getByRole("button", { name: "Approve for backups" }).click();
    await toast(admin, "Backup server now takes members' backups.").waitFor();
    await admin.getByRole("form", { name: "Backup storage pbs" }).waitFor();

    const alice = await (await browser.newContext({ acceptDownloads: true })).newPage();
    await signInAsDemo(alice, portal.url, "Alice");
    await alice.getByRole("link", { name: "New VM" }).click();
    await alice.getByText(/debian 13/i).click();
    await alice.getByLabel("Name").fill("keep-1");
    await alice.getByRole("button", { name: "Create VM" }).click();
    await alice.getByRole("link", { name: "Follow its progress" }).click();
    await alice.getByTestId("vm-state").filter({ hasText: "running" }).waitFor({ timeout: 60_000 });
    const vmUrl = alice.url();
    const vmid = await vmidOnItsPage(alice);
    await writeGuestFile(vmid, "/srv/data/report.txt", "the numbers before cleanup\n");

    const card = alice.getByTestId("backups-card");
    await card.getByLabel("Note").fill("before cleanup");
    await card.getByRole("button", { name: "Back up now" }).click();
    await toast(alice, "Backup started.").waitFor();
    const row = card.getByRole("listitem").filter({ hasText: "before cleanup" });
    // The card follows the vzdump task until the backup is on the backup server.
    await row.getByRole("link", { name: "Browse files" }).waitFor({ timeout: 60_000 });
    expect(await row.textContent()).toMatch(/\d+(\.\d)? (B|KiB|MiB|GiB)/);
    await alice.goto(`${portal.url}/vms`);
    expect(await alice.getByTestId("quota-backups").textContent()).toContain("1 / 10");
    await alice.goto(vmUrl);
    await saveScreenshot(alice, "alice-vm-backups");

    // The guest loses the folder: a file's worth of state the backup still holds.
    await writeGuestFile(vmid, "/srv/data", null);
    expect(Object.keys(await guestFilesOf(vmid))).not.toContain("/srv/data/report.txt");

    await row.getByRole("link", { name: "Browse files" }).click();
    await alice.waitForURL(/\/backups\/[0-9a-f-]{36}$/);
    const backupUrl = alice.url();
    const backupId = backupUrl.split("/").at(-1)!;
    const files = alice.getByRole("table", { name: "Files" });
    await files
      .getByRole("button", { name: /^drive-/ })
      .first()
      .click();
    await files.getByRole("button", { name: "part", exact: true }).click();
    await files.getByRole("button", { name: "1", exact: true }).click();
    await files.getByRole("button", { name: "srv", exact: true }).click();
    await files.getByRole("button", { name: "data", exact: true }).click();
    await files.getByTestId("file-report.txt").waitFor();
    await saveScreenshot(alice, "alice-backup-files");
    const file = await downloaded(alice, files.getByRole("link", { name: "Download report.txt" }));
    expect(file.toString("utf8")).toBe("the numbers before cleanup\n");
    const folder = await downloaded(
      alice,
      alice.getByRole("link", { name: "Download this folder as a zip" }),
    );
    expect(folder.subarray(0, 2).toString("latin1")).toBe("PK");
    expect(folder.toString("latin1")).toContain("data/report.txt");
    const filePath = await files.getByRole("link", { name: "Download report.txt" }).getAttribute("href");

    // Bob learns nothing of alice's backup: not its files, not a download.
    const bob = await (await browser.newContext()).newPage();
    await signInAsDemo(bob, portal.url, "Bob");
    expect((await bob.goto(backupUrl))?.status()).toBe(404);
    expect((await bob.request.get(`${portal.url}${filePath}`)).status()).toBe(404);
    expect(
      (await bob.request.get(`${portal.url}/api/backups/${backupId}/download?path=/srv/data`)).status(),
    ).toBe(404);

    await alice.goto(vmUrl);
    await row.getByRole("button", { name: "Restore" }).click();
    const dialog = alice.getByRole("alertdialog");
    await dialog.getByLabel("New VM's name").fill("keep-1-restored");
    await dialog.getByRole("button", { name: "Restore as a new VM" }).click();
    await alice.waitForURL((url) => url.pathname.startsWith("/vms/") && url.href !== vmUrl);
    await alice.getByRole("heading", { name: "keep-1-restored" }).waitFor();
    await alice.getByTestId("vm-state").filter({ hasText: "stopped" }).waitFor({ timeout: 60_000 });
    await alice.reload();
    const restoredVmid = await vmidOnItsPage(alice);
    expect(restoredVmid).not.toBe(vmid);
    // The new VM's disk is the backup's: the file the original lost is there.
    expect((await guestFilesOf(restoredVmid))["/srv/data/report.txt"]?.data).toBe(
      "the numbers before cleanup\n",
    );
    await saveScreenshot(alice, "alice-restored-vm");
    await alice.goto(`${portal.url}/vms`);
    await alice.getByTestId("vm-row-keep-1-restored").waitFor();
    await alice.getByTestId("vm-row-keep-1").waitFor();

    await admin.goto(`${portal.url}/admin/backups`);
    const listed = admin.getByTestId("admin-backup-row").filter({ hasText: "before cleanup" });
    await listed.getByRole("button", { name: "Protect" }).click();
    await toast(admin, "Protected from pruning.").waitFor();
    await listed.getByRole("button", { name: "Unprotect" }).waitFor();
    await saveScreenshot(admin, "admin-backups");

    // Over the original, only once its name is typed out; it comes back with the folder it lost.
    await alice.goto(vmUrl);
    await row.getByRole("button", { name: "Restore" }).click();
    await dialog.getByRole("radio", { name: "Over keep-1" }).click();
    const over = dialog.getByRole("button", { name: "Restore over keep-1" });
    expect(await over.isDisabled()).toBe(true);
    await dialog.getByLabel("Type keep-1 to confirm").fill("keep-1");
    await over.click();
    await toast(alice, "Restoring keep-1.").waitFor();
    await expect
      .poll(
        async () => {
          await alice.reload();
          return alice.getByText("Restored from the backup; start it when you like").count();
        },
        { timeout: 60_000, interval: 1000 },
      )
      .toBeGreaterThan(0);
    const replacedVmid = await vmidOnItsPage(alice);
    expect((await guestFilesOf(replacedVmid))["/srv/data/report.txt"]?.data).toBe(
      "the numbers before cleanup\n",
    );
    // The disks it had before the restore were kept as a backup first.
    await alice.getByTestId("backups-card").getByText("safety copy").waitFor();
    await saveScreenshot(alice, "alice-restored-in-place");

    await alice.goto(`${portal.url}/backups`);
    await alice.getByTestId("member-backup-keep-1").first().waitFor();
  });
});
