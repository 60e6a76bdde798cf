import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { deleteVmFromItsPage, launchBrowser, saveScreenshot, signInAsDemo } from "../helpers/browser";

const portal = inject("portalUrl");
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

describe("a class", () => {
  it("is built by the teacher from a CSV of three, resets one student's VM, and each student sees only their own", async () => {
    // A CSV names students by the username they signed in with; someone never seen comes by e-mail.
    const alice = await (await browser.newContext()).newPage();
    await signInAsDemo(alice, portal, "Alice");
    const bob = await (await browser.newContext()).newPage();
    await signInAsDemo(bob, portal, "Bob");

    const teacher = await (await browser.newContext()).newPage();
    await signInAsDemo(teacher, portal, "Admin");
    await teacher.getByRole("link", { name: "Classes" }).click();
    await teacher.getByRole("link", { name: "New class" }).click();
    await teacher.waitForURL(`${portal}/cohorts/new`);
    // The form reads the file in the browser: it must be live before the file is chosen.
    await teacher.waitForLoadState("networkidle");
    await teacher.getByLabel("Name", { exact: true }).fill("Networks 101");
    await teacher.getByLabel("Template").selectOption({ label: "Debian 13" });
    await teacher.getByLabel("Roster file").setInputFiles({
      name: "roster.csv",
      mimeType: "text/csv",
      buffer: Buffer.from("username\nalice\nbob\ncarol@school.example\n"),
    });
    await expect
      .poll(() => teacher.getByLabel("Roster", { exact: true }).inputValue(), { timeout: 10_000 })
      .toContain("carol@school.example");
    await teacher.getByRole("button", { name: "Create class" }).click();
    await teacher.getByRole("heading", { name: "Networks 101" }).waitFor();

    // The page follows the batch on its own: two VMs made, the invited student's waiting for her.
    const progress = teacher.getByTestId("cohort-progress");
    await progress.getByText("2 of 3 VMs made").waitFor({ timeout: 90_000 });
    expect(await progress.textContent()).toContain("1 waiting");
    await teacher.getByTestId("seat-carol@school.example").getByText("invited, not signed in yet").waitFor();
    const aliceSeat = teacher.getByTestId("seat-alice");
    await aliceSeat.getByTestId("vm-state").filter({ hasText: "running" }).waitFor({ timeout: 30_000 });
    await saveScreenshot(teacher, "class-teacher-view");

    await aliceSeat.getByRole("button", { name: "Reset" }).click();
    const dialog = teacher.getByRole("alertdialog");
    await dialog.getByLabel("Type networks-101-alice to confirm").fill("networks-101-alice");
    await dialog.getByRole("button", { name: "Reset" }).click();
    await teacher.getByText("Reset networks-101-alice.").waitFor({ timeout: 60_000 });
    await aliceSeat.getByTestId("vm-state").filter({ hasText: "running" }).waitFor();
    const classUrl = teacher.url();

    await alice.goto(`${portal}/vms`);
    await alice.getByRole("link", { name: "networks-101-alice" }).waitFor();
    expect(await alice.getByRole("link", { name: "networks-101-bob" }).count()).toBe(0);
    await alice.getByRole("link", { name: "networks-101-alice" }).click();
    await alice.getByText("Reset to its baseline (snapshot baseline)").waitFor();
    await alice.getByRole("button", { name: "Reset to baseline" }).waitFor();
    await bob.goto(`${portal}/vms`);
    await bob.getByRole("link", { name: "networks-101-bob" }).waitFor();
    expect(await bob.getByRole("link", { name: "networks-101-alice" }).count()).toBe(0);

    // A student is no teacher: the class page does not exist for them.
    const response = await alice.goto(classUrl);
    expect(response?.status()).toBe(404);

    // The students delete their VMs, so the suite's later files find their quotas as they were.
    for (const [page, name] of [
      [alice, "networks-101-alice"],
      [bob, "networks-101-bob"],
    ] as const) {
      await page.goto(`${portal}/vms`);
      await page.getByRole("link", { name }).click();
      await page.getByRole("heading", { name }).waitFor();
      await deleteVmFromItsPage(page, name);
      await page.waitForURL(`${portal}/vms`);
    }
  });
});
