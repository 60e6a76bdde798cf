import { randomBytes, randomUUID } from "node:crypto";
import type { Browser } from "playwright-core";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DemoIdp, startDemoIdp } from "@/demo-idp/server";
import { freePort } from "@/scripts/free-port";
import { launchBrowser, saveScreenshot } from "../helpers/browser";
import { leakedSecrets } from "../helpers/log-secrets";
import { startTestCluster, type TestCluster } from "../helpers/pve-sim";
import { type StandaloneServer, startStandaloneServer } from "../helpers/standalone-server";

// The PostgreSQL server CI starts at 127.0.0.1:5432; each run makes a database of its own and drops it.
const postgresUrl = process.env.ROOST_E2E_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

async function postgresAnswers(): Promise<boolean> {
  const probe = postgres(postgresUrl, { max: 1, connect_timeout: 3, onnotice: () => {} });
  try {
    await probe`select 1`;
    return true;
  } catch {
    return false;
  } finally {
    await probe.end({ timeout: 1 });
  }
}

// Off CI, a machine without PostgreSQL skips this file; in CI it must run.
const runnable = process.env.CI === "true" || (await postgresAnswers());

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
let server: StandaloneServer;
let browser: Browser;

beforeAll(async () => {
  if (!runnable) return;
  admin = postgres(postgresUrl, { max: 1, onnotice: () => {} });
  databaseName = `roost_e2e_production_${randomBytes(5).toString("hex")}`;
  await admin.unsafe(`create database ${databaseName}`);
  const databaseUrl = new URL(postgresUrl);
  databaseUrl.pathname = `/${databaseName}`;

  const port = await freePort();
  const publicUrl = `http://localhost:${port}`;
  [cluster, idp, browser] = await Promise.all([
    startTestCluster({ token: `root@pam!sim=${secrets.PVE_TOKEN_SECRET}`, taskSpeed: 4 }),
    startDemoIdp({
      port: 0,
      portalUrl: publicUrl,
      clientId: "roost-production-test",
      clientSecret: secrets.OIDC_CLIENT_SECRET,
    }),
    launchBrowser(),
  ]);
  server = await startStandaloneServer(port, {
    ROOST_PUBLIC_URL: publicUrl,
    DATABASE_URL: databaseUrl.toString(),
    OIDC_ISSUER: idp.issuer,
    OIDC_CLIENT_ID: idp.clientId,
    OIDC_CLIENT_SECRET: secrets.OIDC_CLIENT_SECRET,
    AUTH_SECRET: secrets.AUTH_SECRET,
    ROOST_RELAY_SECRET: secrets.ROOST_RELAY_SECRET,
    ROOST_METRICS_TOKEN: secrets.ROOST_METRICS_TOKEN,
    PVE_API_URLS: cluster.sim.url,
    PVE_TOKEN_ID: cluster.tokenId,
    PVE_TOKEN_SECRET: cluster.tokenSecret,
    PVE_FINGERPRINT: cluster.sim.fingerprint,
  });
}, 90_000);

afterAll(async () => {
  if (!runnable) return;
  await browser?.close();
  await server?.stop();
  await Promise.allSettled([cluster?.close(), idp?.close()]);
  if (databaseName) await admin.unsafe(`drop database if exists ${databaseName} with (force)`);
  await admin?.end();
});

describe.skipIf(!runnable)("the standalone build in production, as the container image runs it", () => {
  it("is ready: database migrated, cluster answering, the checks shown to the metrics token only", async () => {
    const response = await fetch(`${server.url}/api/ready`, {
      headers: { authorization: `Bearer ${secrets.ROOST_METRICS_TOKEN}` },
    });
    const readiness = await response.json();
    expect(response.status, JSON.stringify(readiness)).toBe(200);
    expect(readiness).toMatchObject({ ready: true, failed: [], migrations: { ok: true, pending: [] } });
    expect(readiness.clusters).toEqual([expect.objectContaining({ id: "default", ok: true })]);

    const anonymous = await fetch(`${server.url}/api/ready`);
    expect(anonymous.status).toBe(200);
    expect(await anonymous.json()).toEqual({ ready: true });
  });

  it("serves metrics to the bearer of the token only", async () => {
    expect((await fetch(`${server.url}/api/metrics`)).status).toBe(401);
    const response = await fetch(`${server.url}/api/metrics`, {
      headers: { authorization: `Bearer ${secrets.ROOST_METRICS_TOKEN}` },
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toMatch(/roost_proxmox_request_duration_seconds_count\{cluster="default"/);
  });

  it("signs a member in through the OpenID provider and shows her dashboard, without demo mode", async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${server.url}/vms`);
    expect(new URL(page.url()).pathname).toBe("/signin");
    expect(await page.getByTestId("demo-banner").count()).toBe(0);
    await page.getByRole("button", { name: "Sign in with Single sign-on" }).click();
    await page.getByRole("button", { name: /Alice Martin/ }).click();
    await page.waitForURL(`${server.url}/vms`);
    await page.getByRole("heading", { name: "Your VMs" }).waitFor();
    expect(await page.getByTestId("signed-in-user").textContent()).toBe("Alice Martin");
    await saveScreenshot(page, "production-alice-dashboard");
  });

  it("refuses to start without the secrets production needs, naming each", async () => {
    const port = await freePort();
    const refused = startStandaloneServer(port, {
      ROOST_PUBLIC_URL: `http://localhost:${port}`,
      DATABASE_URL: "postgres://postgres@127.0.0.1:1/unused",
      OIDC_ISSUER: idp.issuer,
      OIDC_CLIENT_ID: idp.clientId,
    });
    await expect(refused).rejects.toThrow(/exited with code 1/);
    const message = await refused.catch((error: Error) => error.message);
    for (const name of ["OIDC_CLIENT_SECRET", "AUTH_SECRET", "ROOST_RELAY_SECRET"])
      expect(message).toContain(`- ${name}: required`);
  });

  it("writes none of its secrets to its logs", () => {
    expect(server.logs()).toContain("Roost is ready");
    expect(leakedSecrets(server.logs(), { ...secrets, PORTAL_TOKEN_SECRET: cluster.tokenSecret })).toEqual(
      [],
    );
  });
});
