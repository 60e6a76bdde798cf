import { randomBytes, randomUUID } from "node:crypto";
import type { Browser } from "playwright-core";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { type DemoIdp, startDemoIdp } from "@/demo-idp/server";
import { freePort } from "@/scripts/free-port";
import { launchBrowser, saveScreenshot } from "../helpers/browser";
import { type Container, imageFrom, startContainer, waitUntilServing } from "../helpers/container";
import { leakedSecrets } from "../helpers/log-secrets";
import { startTestCluster, type TestCluster } from "../helpers/pve-sim";

// CI's PostgreSQL; the run makes a database of its own and drops it.
const postgresUrl = process.env.ROOST_IMAGES_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test";

const secrets = {
  AUTH_SECRET: randomBytes(33).toString("base64url"),
  OIDC_CLIENT_SECRET: randomBytes(24).toString("base64url"),
  ROOST_RELAY_SECRET: randomBytes(33).toString("base64url"),
  ROOST_METRICS_TOKEN: randomBytes(24).toString("hex"),
  PVE_TOKEN_SECRET: randomUUID(),
};

let admin: postgres.Sql;
let databaseName: string;
let cluster: TestCluster;
let idp: DemoIdp;
let relay: Container;
let portal: Container;
let portalUrl: string;
let relayPort: number;
let browser: Browser;

beforeAll(async () => {
  admin = postgres(postgresUrl, { max: 1, onnotice: () => {} });
  databaseName = `roost_image_${randomBytes(5).toString("hex")}`;
  await admin.unsafe(`create database ${databaseName}`);
  const databaseUrl = new URL(postgresUrl);
  databaseUrl.pathname = `/${databaseName}`;

  const port = await freePort();
  relayPort = await freePort();
  portalUrl = `http://localhost:${port}`;
  [cluster, idp, browser] = await Promise.all([
    startTestCluster({ token: `root@pam!sim=${secrets.PVE_TOKEN_SECRET}`, taskSpeed: 4 }),
    startDemoIdp({
      port: 0,
      portalUrl,
      clientId: "roost-image-test",
      clientSecret: secrets.OIDC_CLIENT_SECRET,
    }),
    launchBrowser(),
  ]);
  relay = await startContainer(imageFrom("ROOST_RELAY_IMAGE"), {
    readOnly: true,
    env: {
      ROOST_RELAY_HOST: "127.0.0.1",
      ROOST_RELAY_PORT: String(relayPort),
      ROOST_INTERNAL_URL: `http://127.0.0.1:${port}`,
      ROOST_PUBLIC_URL: portalUrl,
      ROOST_RELAY_SECRET: secrets.ROOST_RELAY_SECRET,
    },
  });
  portal = await startContainer(imageFrom("ROOST_PORTAL_IMAGE"), {
    readOnly: true,
    env: {
      HOST: "127.0.0.1",
      PORT: String(port),
      ROOST_PUBLIC_URL: portalUrl,
      DATABASE_URL: databaseUrl.toString(),
      OIDC_ISSUER: idp.issuer,
      OIDC_CLIENT_ID: idp.clientId,
      OIDC_CLIENT_SECRET: secrets.OIDC_CLIENT_SECRET,
      AUTH_SECRET: secrets.AUTH_SECRET,
      ROOST_RELAY_SECRET: secrets.ROOST_RELAY_SECRET,
      ROOST_CONSOLE_URL: `ws://localhost:${relayPort}/console/ws`,
      ROOST_METRICS_TOKEN: secrets.ROOST_METRICS_TOKEN,
      PVE_API_URLS: cluster.sim.url,
      PVE_TOKEN_ID: cluster.tokenId,
      PVE_TOKEN_SECRET: cluster.tokenSecret,
      PVE_FINGERPRINT: cluster.sim.fingerprint,
    },
  });
  await waitUntilServing(relay, `http://127.0.0.1:${relayPort}/healthz`);
  await waitUntilServing(portal, `${portalUrl}/api/health`);
});

afterAll(async () => {
  await browser?.close();
  await Promise.allSettled([portal?.stop(), relay?.stop()]);
  await Promise.allSettled([cluster?.close(), idp?.close()]);
  if (databaseName) await admin.unsafe(`drop database if exists ${databaseName} with (force)`);
  await admin?.end();
});

describe("the portal and relay images in production, on read-only root filesystems", () => {
  it("runs only the portal: every part the demo adds is switched off by its setting", async () => {
    const logs = await portal.logs();
    expect(logs).toContain(`Roost at ${portalUrl}, listening on 127.0.0.1:`);
    for (const part of ["Proxmox VE simulator:", "Console relay:", "Demo identity provider:", "demo mode"])
      expect(logs).not.toContain(part);
  });

  it("is ready: database migrated, cluster answering", async () => {
    const response = await fetch(`${portalUrl}/api/ready`, {
      headers: { authorization: `Bearer ${secrets.ROOST_METRICS_TOKEN}` },
    });
    const readiness = await response.json();
    expect(response.status, JSON.stringify(readiness)).toBe(200);
    expect(readiness).toMatchObject({ ready: true, failed: [], migrations: { ok: true, pending: [] } });
    expect(readiness.clusters).toEqual([expect.objectContaining({ id: "default", ok: true })]);
  });

  it("serves metrics to the bearer of the token only", async () => {
    expect((await fetch(`${portalUrl}/api/metrics`)).status).toBe(401);
    const response = await fetch(`${portalUrl}/api/metrics`, {
      headers: { authorization: `Bearer ${secrets.ROOST_METRICS_TOKEN}` },
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toMatch(/roost_proxmox_request_duration_seconds_count\{cluster="default"/);
  });

  it("signs a member in through the OpenID provider, without demo mode", async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${portalUrl}/vms`);
    expect(new URL(page.url()).pathname).toBe("/signin");
    expect(await page.getByTestId("demo-banner").count()).toBe(0);
    await page.getByRole("button", { name: "Sign in with Single sign-on" }).click();
    await page.getByRole("button", { name: /Alice Martin/ }).click();
    await page.waitForURL(`${portalUrl}/vms`);
    expect(await page.getByTestId("signed-in-user").textContent()).toBe("Alice Martin");
    await saveScreenshot(page, "image-production-alice");
  });

  it("has the relay image redeem console links with the portal, sharing its secret", async () => {
    const socket = new WebSocket(`ws://127.0.0.1:${relayPort}/console/ws?token=not-a-ticket`, {
      origin: portalUrl,
    });
    const [code, reason] = await new Promise<[number, string]>((resolve) =>
      socket.on("close", (closeCode, closeReason) => resolve([closeCode, closeReason.toString()])),
    );
    // A relay without the portal's secret, or out of its reach, hears "Not found." or 4502 instead.
    expect([code, reason]).toEqual([4401, "This console link is not valid; open the console again."]);
  });

  it("wrote nothing but its logs, and none of its secrets into them", async () => {
    expect(await portal.diff()).toEqual([]);
    expect(await relay.diff()).toEqual([]);
    const logs = (await portal.logs()) + (await relay.logs());
    expect(leakedSecrets(logs, { ...secrets, PORTAL_TOKEN_SECRET: cluster.tokenSecret })).toEqual([]);
  });
});
