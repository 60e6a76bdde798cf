import { mkdirSync } from "node:fs";
import path from "node:path";
import { type Browser, chromium, type Locator, type Page } from "playwright-core";

const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-dev-shm-usage",
    ],
  });
}

/** Saves a screenshot under test-results/, kept by CI as an artifact. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  const folder = path.resolve(import.meta.dirname, "../../test-results");
  mkdirSync(folder, { recursive: true });
  const file = path.join(folder, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Signs in with a one-click demo account: the portal's OIDC flow through the demo identity provider. */
export async function signInAsDemo(page: Page, portalUrl: string, person: DemoPerson) {
  await clickDemoPerson(page, portalUrl, person);
  await page.waitForURL(`${portalUrl}/vms`);
}

export type DemoPerson = "Alice" | "Bob" | "Admin" | "Audrey";

export async function clickDemoPerson(page: Page, portalUrl: string, person: DemoPerson) {
  await page.goto(`${portalUrl}/signin`);
  await page.getByRole("button", { name: new RegExp(`^${person}`) }).click();
}

/**
 * Collects every Content-Security-Policy violation a page reports (the DOM event, and Chromium's console
 * message for the same), so a browser test fails when the portal's policy blocks something it uses.
 */
export async function watchCspViolations(page: Page): Promise<() => Promise<string[]>> {
  const consoleErrors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" && /Content Security Policy/i.test(message.text()))
      consoleErrors.push(message.text());
  });
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
    document.addEventListener("securitypolicyviolation", (event) =>
      seen.push(
        `${event.effectiveDirective} blocked ${event.blockedURI || "inline"} (${event.sourceFile}:${event.lineNumber})`,
      ),
    );
  });
  return async () => [
    ...consoleErrors,
    ...(await page.evaluate(
      () => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? [],
    )),
  ];
}

/** Deletes the VM whose page is open, through the dialog that asks for its name typed out. */
export async function deleteVmFromItsPage(page: Page, name: string) {
  await page.getByRole("button", { name: "Delete VM" }).click();
  const dialog = page.getByRole("alertdialog");
  await dialog.getByLabel(`Type ${name} to confirm`).fill(name);
  await dialog.getByRole("button", { name: "Delete VM" }).click();
}

/**
 * The error shown at a form field: the alert inside the field's own group (shadcn's Field, or a
 * fieldset), so a message flattened into one line elsewhere on the form does not count.
 */
export function fieldError(scope: Page | Locator, label: string | RegExp): Locator {
  // The inner locator of `has` is matched inside each group, so it must start from the page, not the scope.
  const page = "page" in scope ? scope.page() : scope;
  return scope
    .getByRole("group")
    .filter({ has: page.getByLabel(label, { exact: typeof label === "string" }) })
    .last()
    .getByRole("alert");
}

/** A form's own error line, for a refusal that belongs to no one field (inside no field's group). */
export function formError(scope: Page | Locator): Locator {
  return scope.locator("[data-slot=field-error]:not([data-slot=field] *)");
}

/** A toast the portal showed (sonner's), found by its text. */
export function toast(page: Page, text: string | RegExp) {
  return page.locator("[data-sonner-toast]").filter({ hasText: text });
}

/**
 * As the admin, makes a 90-day reminder due (new leases run 90 days) and runs the lease sweep, then puts
 * the reminders back as they were.
 */
export async function sweepWithReminderDue(admin: Page, portalUrl: string) {
  await admin.goto(`${portalUrl}/admin/settings`);
  const reminders = admin.getByLabel("Reminders (days before the end)");
  const original = await reminders.inputValue();
  await reminders.fill("90, 7");
  await admin.getByRole("button", { name: "Save lease settings" }).click();
  await toast(admin, "Saved.").waitFor();
  await admin.getByRole("button", { name: "Run the lease sweep now" }).click();
  await admin
    .getByTestId("sweep-outcome")
    .filter({ hasText: /[1-9]\d* reminded/ })
    .waitFor();
  await reminders.fill(original);
  await admin.getByRole("button", { name: "Save lease settings" }).click();
  await toast(admin, "Saved.").waitFor();
}
