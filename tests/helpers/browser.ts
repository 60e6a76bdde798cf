import { mkdirSync } from "node:fs";
import path from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";

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
