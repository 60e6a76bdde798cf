import { createTranslator } from "next-intl";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { formats } from "@/lib/i18n/formats";
import de from "@/messages/de.json";
import en from "@/messages/en.json";
import fr from "@/messages/fr.json";
import {
  deleteVmFromItsPage,
  fieldError,
  launchBrowser,
  saveScreenshot,
  signInAsDemo,
  sweepWithReminderDue,
  toast,
} from "../helpers/browser";

const portal = inject("portalUrl");
let browser: Browser;

// The words the portal must show, taken from its own catalogs, so the test follows the translators.
const words = {
  fr: createTranslator({ locale: "fr", messages: fr, formats, timeZone: "Europe/Paris" }),
  de: createTranslator({ locale: "de", messages: de as typeof fr, formats, timeZone: "Europe/Paris" }),
  en: createTranslator({ locale: "en", messages: en as typeof fr, formats, timeZone: "UTC" }),
};

beforeAll(async () => {
  browser = await launchBrowser();
});
// Whatever happened above, later files find Bob as they expect him: no language chosen, no VM of this test.
afterAll(async () => {
  if (!browser) return;
  const bob = await (await browser.newContext()).newPage();
  await signInAsDemo(bob, portal, "Bob");
  await bob.goto(`${portal}/profile`);
  const chosen = bob.locator("#profile-locale");
  if ((await chosen.inputValue()) !== "") {
    await chosen.selectOption("");
    await bob.locator("form", { has: chosen }).getByRole("button").click();
    await expect
      .poll(async () => {
        await bob.goto(`${portal}/profile`);
        return bob.locator("#profile-locale").inputValue();
      })
      .toBe("");
  }
  await bob.goto(`${portal}/vms`);
  const vm = bob.getByRole("link", { name: "langues", exact: true });
  if ((await vm.count()) > 0) {
    await vm.first().click();
    await deleteVmFromItsPage(bob, "langues");
    await bob.waitForURL(`${portal}/vms`);
  }
  await browser.close();
});

describe("Roost in the person's language", () => {
  it("speaks French to a French browser, then German once the profile says so, on pages and in mail", async () => {
    const t = words.fr;
    const bob = await (await browser.newContext({ locale: "fr-FR", timezoneId: "Europe/Paris" })).newPage();
    await signInAsDemo(bob, portal, "Bob");
    await bob.getByRole("heading", { name: t("dashboard.title") }).waitFor();
    expect(await bob.locator("html").getAttribute("lang")).toBe("fr");

    // The create form's errors, from the schema's own messages, in French.
    await bob.goto(`${portal}/vms/new`);
    await bob.getByText(/debian 13/i).click();
    const name = bob.getByLabel(t("createVm.name.label"), { exact: true });
    await name.fill("9-langues");
    await bob.getByRole("button", { name: t("createVm.submit") }).click();
    await fieldError(bob, t("createVm.name.label"))
      .filter({ hasText: t("validation.vm.startNameWith") })
      .waitFor();
    await saveScreenshot(bob, "bob-create-form-french");
    await name.fill("langues");
    await bob.getByRole("button", { name: t("createVm.submit") }).click();
    await bob.getByRole("link", { name: t("createVm.created.follow") }).click();
    await bob
      .getByTestId("vm-state")
      .filter({ hasText: t("common.states.running") })
      .waitFor({ timeout: 60_000 });
    const vmUrl = bob.url();

    // The browser told the server its time zone; the profile offers it as the automatic choice.
    await bob.goto(`${portal}/profile`);
    await bob
      .getByLabel(t("profile.language.timeZone"))
      .locator("option", { hasText: t("profile.language.automaticTimeZone", { zone: "Europe/Paris" }) })
      .waitFor({ state: "attached" });

    const admin = await (await browser.newContext()).newPage();
    await signInAsDemo(admin, portal, "Admin");
    await sweepWithReminderDue(admin, portal);

    // The reminder went out in Bob's browser's language: he never chose one.
    await bob.goto(`${portal}/mail`);
    const french = bob
      .getByRole("listitem")
      .filter({ hasText: t("mail.leaseReminder.subject", { vm: "langues", days: 90 }) });
    await french.waitFor();
    await french.locator("summary").first().click();
    await french
      .frameLocator("iframe")
      .getByRole("link", { name: t("mail.leaseReminder.action") })
      .first()
      .waitFor();
    await saveScreenshot(bob, "bob-mail-french");

    // German in the profile: the next page is German, and so is the next mail.
    const g = words.de;
    await bob.goto(`${portal}/profile`);
    await bob.getByLabel(t("profile.language.language")).selectOption("de");
    await bob.getByRole("button", { name: t("profile.language.save") }).click();
    await toast(bob, t("profile.language.saved")).waitFor();
    await bob.goto(`${portal}/vms`);
    await bob.getByRole("heading", { name: g("dashboard.title") }).waitFor();
    expect(await bob.locator("html").getAttribute("lang")).toBe("de");

    // A renewal gives the lease a new end, so the sweep reminds again, now in German.
    await bob.goto(vmUrl);
    const lease = bob.getByTestId("lease-card");
    await lease.getByRole("button").first().click();
    await lease.getByRole("status").waitFor();
    await sweepWithReminderDue(admin, portal);
    await bob.goto(`${portal}/mail`);
    await bob
      .getByRole("listitem")
      .filter({ hasText: g("mail.leaseReminder.subject", { vm: "langues", days: 90 }) })
      .waitFor();
    await saveScreenshot(bob, "bob-mail-german");

    // Bob's own words again, in an English browser: the profile still says German until he lets it go.
    const e = words.en;
    const bobInEnglish = await (await browser.newContext()).newPage();
    await signInAsDemo(bobInEnglish, portal, "Bob");
    await bobInEnglish.getByRole("heading", { name: g("dashboard.title") }).waitFor();
    await bobInEnglish.goto(`${portal}/profile`);
    await bobInEnglish.getByLabel(g("profile.language.language")).selectOption("");
    await bobInEnglish.getByRole("button", { name: g("profile.language.save") }).click();
    await toast(bobInEnglish, g("profile.language.saved")).waitFor();
    await bobInEnglish.goto(`${portal}/vms`);
    await bobInEnglish.getByRole("heading", { name: e("dashboard.title") }).waitFor();
  });
});
