import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser } from "playwright-core";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import {
  fieldError,
  launchBrowser,
  saveScreenshot,
  signInAsDemo,
  toast,
  watchCspViolations,
} from "../helpers/browser";
import { rememberSecret } from "../helpers/log-secrets";
import { waitFor } from "../helpers/wait-for";

const portal = inject("portalUrl");
const seenSecrets = inject("seenSecretsFile");
let browser: Browser;
let receiver: Server;
let receiverUrl: string;
const received: { headers: IncomingHttpHeaders; body: string }[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
  receiver = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString() });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/roost-hooks`;
});
afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => receiver.close(resolve));
});

describe("webhooks in the admin pages", () => {
  it("the admin registers a local receiver with leave for private addresses, sends a test event that verifies, sees its delivery and deletes the endpoint", async () => {
    const page = await (await browser.newContext()).newPage();
    const cspViolations = await watchCspViolations(page);
    await signInAsDemo(page, portal, "Admin");
    await page.goto(`${portal}/admin`);
    await page.getByRole("link", { name: "Webhooks" }).click();
    await page.getByText("No endpoints yet").waitFor();

    await page.getByLabel("URL", { exact: true }).fill(receiverUrl);
    await page.getByLabel("Description").fill("Lab CI");
    await page.getByLabel(/VM state changed/).check();
    await page.getByRole("button", { name: "Register endpoint" }).click();
    await fieldError(page, "URL")
      .filter({ hasText: /is a loopback address/ })
      .waitFor();

    await page.getByLabel("Allow private and loopback addresses").check();
    await page.getByRole("alert").filter({ hasText: "Deliveries may reach your internal network" }).waitFor();
    await page.getByRole("button", { name: "Register endpoint" }).click();
    const secret = (await page.getByTestId("webhook-secret").textContent())!;
    expect(secret).toMatch(/^whsec_/);
    rememberSecret(seenSecrets, secret);
    await saveScreenshot(page, "admin-webhook-secret");
    await page.getByRole("button", { name: "I saved it" }).click();

    const row = page.getByRole("row").filter({ hasText: "Lab CI" });
    await row.getByRole("button", { name: "Send test event" }).click();
    await toast(page, "Test event queued").waitFor();
    const [request] = await waitFor(
      "the test event at the receiver",
      () => (received.length ? received : null),
      30_000,
    );
    const headers = {
      "webhook-id": String(request!.headers["webhook-id"]),
      "webhook-timestamp": String(request!.headers["webhook-timestamp"]),
      "webhook-signature": String(request!.headers["webhook-signature"]),
    };
    expect(new Webhook(secret).verify(request!.body, headers)).toMatchObject({ type: "webhook.test" });

    await row.getByRole("link", { name: receiverUrl }).click();
    await page.getByRole("heading", { name: "Lab CI" }).waitFor();
    const delivery = page.getByTestId(/^delivery-row-/);
    await waitFor("the delivery shown as delivered", async () => {
      await page.reload();
      return /delivered/.test((await delivery.first().textContent()) ?? "");
    });
    expect(await delivery.first().textContent()).toMatch(/webhook\.test.*delivered.*204/);
    await saveScreenshot(page, "admin-webhook-deliveries");

    await page.getByRole("button", { name: "Delete" }).click();
    await page.getByRole("button", { name: "Delete endpoint" }).click();
    await page.waitForURL(`${portal}/admin/webhooks`);
    await page.getByText("No endpoints yet").waitFor();
    expect(await cspViolations()).toEqual([]);
  });
});
