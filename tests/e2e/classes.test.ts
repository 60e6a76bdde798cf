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
  it("is built by the teacher from a CSV of three, resets one student's VM, and each student sees only their own, signs in and reads its power times", async () => {
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
    // Her VM's first password, shown to her once; Roost keeps no copy after.
    await alice.getByText("Sign in as debian, on the console or over SSH").waitFor();
    await alice.getByRole("button", { name: "Show my password (once)" }).click();
    expect(await alice.getByTestId("vm-password").textContent()).toMatch(/^\S{16}$/);
    await alice.reload();
    await alice.getByText("Your password was shown").waitFor();
    expect(await alice.getByRole("button", { name: "Show my password (once)" }).count()).toBe(0);

    // The teacher gives her VM power times of its own; she reads them but may not change them.
    const aliceVmUrl = alice.url();
    await teacher.goto(aliceVmUrl);
    expect(await teacher.getByRole("button", { name: "Show my password (once)" }).count()).toBe(0);
    const card = teacher.getByTestId("power-schedule");
    await card.getByText("No schedule: the VM runs until someone stops it.").waitFor();
    await teacher.waitForLoadState("networkidle");
    await card.getByLabel("Time zone").fill("Europe/Paris");
    await card.getByRole("button", { name: "Add a time" }).click();
    await card.getByLabel("To", { exact: true }).fill("17:00");
    await card.getByRole("button", { name: "Save schedule" }).click();
    await teacher.getByText("Schedule saved.").waitFor();
    const summary = card.getByTestId("power-schedule-summary");
    await summary.getByText("Mon, Tue, Wed, Thu, Fri: 09:00\u201317:00").waitFor();
    expect(await summary.textContent()).toContain("Times in Europe/Paris");
    await saveScreenshot(teacher, "vm-power-schedule");
    await alice.reload();
    const hers = alice.getByTestId("power-schedule-summary");
    await hers.getByText("Mon, Tue, Wed, Thu, Fri: 09:00\u201317:00").waitFor();
    expect(await alice.getByRole("button", { name: "Save schedule" }).count()).toBe(0);
    // With no times the schedule is gone again.
    await card.getByRole("button", { name: "Remove" }).click();
    await card.getByRole("button", { name: "Save schedule" }).click();
    await teacher.getByText("Schedule removed.").waitFor();
    await card.getByText("No schedule: the VM runs until someone stops it.").waitFor();
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
