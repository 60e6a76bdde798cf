import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { deleteVmFromItsPage, launchBrowser, saveScreenshot, signInAsDemo, toast } from "../helpers/browser";

const portal = inject("portalUrl");
let browser: Browser;
let alice: Page;
let bob: Page;
let admin: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  // One sign-in each for the whole file, each person in a browser context of their own.
  alice = await signedIn("Alice");
  bob = await signedIn("Bob");
  admin = await signedIn("Admin");
});

afterAll(async () => {
  // Bob's quota goes back to his groups' even when a step failed, for the browser tests after this one.
  if (admin) {
    await openBobsUserPage(admin);
    const remove = admin.getByRole("button", { name: "Remove override" });
    if (await remove.isVisible()) {
      await remove.click();
      await admin.getByText("Override removed; groups decide again.").waitFor();
    }
  }
  await browser?.close();
});

async function signedIn(person: "Alice" | "Bob" | "Admin"): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signInAsDemo(page, portal, person);
  return page;
}

async function openBobsUserPage(page: Page) {
  await page.goto(`${portal}/admin/users`);
  await page.getByTestId("user-row-bob").getByRole("link").click();
  await page.getByRole("heading", { name: "Bob Nguyen" }).waitFor();
}

/** The create form from the first template, for whom the "For" choice says, with the default size. */
async function fillCreateForm(page: Page, name: string, forWhom?: string) {
  // A choice made before the form hydrates would show in the page but not reach the form's state.
  await page.goto(`${portal}/vms/new`, { waitUntil: "networkidle" });
  await page.getByText(/debian 13/i).click();
  await page.getByLabel("Name").fill(name);
  if (forWhom) await page.getByLabel("For", { exact: true }).selectOption({ label: forWhom });
  await page.getByRole("button", { name: "Create VM" }).click();
}

describe("a team's VMs: a project, a share, a request beyond the quota", () => {
  it("alice creates a VM for the Robotics lab, which her teammate bob sees under the project", async () => {
    // The demo's project follows the lab-robotics group: alice and bob are its operators, who may create.
    await fillCreateForm(alice, "robot-1", "Project Robotics lab");
    await alice.getByRole("link", { name: "Follow its progress" }).waitFor();
    await alice.goto(`${portal}/vms`);
    await alice.getByTestId("vm-row-robot-1").waitFor();
    await saveScreenshot(alice, "teams-project-vm");
    expect(await alice.getByRole("region", { name: "My VMs" }).getByTestId("vm-row-robot-1").count()).toBe(0);
    await alice.getByRole("region", { name: "Project Robotics lab" }).getByTestId("vm-row-robot-1").waitFor();

    await bob.goto(`${portal}/vms`);
    await bob.getByRole("region", { name: "Project Robotics lab" }).getByTestId("vm-row-robot-1").waitFor();
  });

  it("alice shares a VM of her own with bob as viewer: he sees it under Shared with me and cannot stop it", async () => {
    await fillCreateForm(alice, "shared-1");
    await alice.getByRole("link", { name: "Follow its progress" }).click();
    await alice.getByTestId("vm-state").filter({ hasText: "running" }).waitFor({ timeout: 60_000 });
    await alice.getByLabel("Username or e-mail").fill("bob");
    await alice.getByLabel("Role").selectOption({ label: "Viewer" });
    await alice.getByRole("button", { name: "Share" }).click();
    await toast(alice, "Shared with Bob Nguyen.").waitFor();
    const share = alice.getByRole("list", { name: "Shares" }).getByRole("listitem");
    await share.filter({ hasText: "Bob Nguyen" }).filter({ hasText: "viewer" }).waitFor();
    await saveScreenshot(alice, "teams-sharing-card");

    await bob.goto(`${portal}/vms`);
    const shared = bob.getByRole("region", { name: "Shared with me" });
    await shared.getByTestId("vm-row-shared-1").getByRole("link", { name: "shared-1" }).click();
    await bob.getByRole("heading", { name: "shared-1" }).waitFor();
    await bob.getByTestId("vm-state").filter({ hasText: "running" }).waitFor();
    await saveScreenshot(bob, "teams-shared-vm-viewer");
    // A viewer sees the VM and has none of its power buttons, no console, no sharing.
    for (const name of ["Force stop", "Shut down", "Reboot", "Pause", "Reset", "Delete VM"])
      expect(await bob.getByRole("button", { name }).count()).toBe(0);
    expect(await bob.getByRole("link", { name: "Console", exact: true }).count()).toBe(0);
    expect(await bob.getByText("Sharing", { exact: true }).count()).toBe(0);
    // The backups it has count in alice's quota, not in bob's.
    await bob.getByTestId("backups-card").getByText("The owner's quota leaves room").waitFor();

    await alice.reload();
    await alice.getByTestId("vm-state").filter({ hasText: "running" }).waitFor();
  });

  it("bob asks for a VM beyond his quota, the admin approves it, and the VM is made for him", async () => {
    await openBobsUserPage(admin);
    await admin.getByRole("spinbutton", { name: "VMs" }).fill("0");
    await admin.getByRole("button", { name: "Save override" }).click();
    await admin.getByText("Override saved.").waitFor();

    await fillCreateForm(bob, "big-1");
    const ask = bob.getByTestId("ask-approval");
    await ask.getByText("Beyond the quota").waitFor();
    await ask.getByLabel("Reason").fill("A second machine for the robot arm's simulator, until June.");
    await ask.getByRole("button", { name: "Ask for approval" }).click();
    await bob.getByText("Asked for approval").waitFor();
    await saveScreenshot(bob, "teams-asked-for-approval");

    await admin.goto(`${portal}/admin/requests`);
    const request = admin
      .getByRole("region", { name: "Pending" })
      .locator("[data-testid^=request-]")
      .filter({ hasText: "a VM big-1" });
    await request.getByText("A second machine for the robot arm's simulator").waitFor();
    await request.getByLabel("Comment").fill("Granted for the term.");
    await request.getByRole("button", { name: "Approve" }).click();
    await toast(admin, "Approved.").waitFor();
    await saveScreenshot(admin, "teams-request-approved");

    await bob.goto(`${portal}/vms`);
    const row = bob.getByRole("region", { name: "My VMs" }).getByTestId("vm-row-big-1");
    await row.getByTestId("vm-state").filter({ hasText: "running" }).waitFor({ timeout: 60_000 });
    await saveScreenshot(bob, "teams-approved-vm");
  });

  it("the VMs made here are deleted by the people who may", async () => {
    for (const [page, name] of [
      [bob, "big-1"],
      [alice, "shared-1"],
      [alice, "robot-1"],
    ] as const) {
      await page.goto(`${portal}/vms`);
      const row = page.getByTestId(`vm-row-${name}`);
      // Past provisioning, when the page offers to delete it.
      await row.getByTestId("vm-state").filter({ hasText: "running" }).waitFor({ timeout: 60_000 });
      await row.getByRole("link", { name }).click();
      await page.getByRole("heading", { name }).waitFor();
      await deleteVmFromItsPage(page, name);
      await page.waitForURL(`${portal}/vms`);
    }
  });
});
