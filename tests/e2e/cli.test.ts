import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, signInAsDemo } from "../helpers/browser";
import { rememberSecret } from "../helpers/log-secrets";

const portal = inject("portalUrl");
const seenSecrets = inject("seenSecretsFile");
const root = path.resolve(import.meta.dirname, "../..");
let browser: Browser;
let configHome: string;

beforeAll(async () => {
  browser = await launchBrowser();
  configHome = mkdtempSync(path.join(tmpdir(), "roost-cli-e2e-"));
});
afterAll(async () => {
  await browser?.close();
  if (configHome) rmSync(configHome, { recursive: true, force: true });
});

/** `npx roost …` as a person runs it, with nothing of the test's environment but PATH. */
function roost(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, "cli/bin.mjs"), ...args], {
      cwd: root,
      env: { NODE_ENV: "production", PATH: process.env.PATH, HOME: configHome, XDG_CONFIG_HOME: configHome },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk;
    });
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, stdout, stderr }));
  });
}

async function json<T>(...args: string[]): Promise<T> {
  const run = await roost(...args, "--json");
  if (run.code !== 0) throw new Error(`roost ${args.join(" ")} exited ${run.code}: ${run.stderr}`);
  return JSON.parse(run.stdout) as T;
}

describe("the command line against the demo", () => {
  it("bob makes a token on his profile, then creates a VM with the CLI, waits for it to run, lists and deletes it", async () => {
    const page = await (await browser.newContext()).newPage();
    await signInAsDemo(page, portal, "Bob");
    await page.goto(`${portal}/profile`);
    await page.getByLabel("Token name").fill("cli");
    await page.getByLabel(/^Manage/).check();
    await page.getByRole("button", { name: "Create token" }).click();
    const token = (await page.getByTestId("api-token").textContent()) ?? "";
    rememberSecret(seenSecrets, token);

    expect(await json("login", "--url", portal, "--token", token)).toMatchObject({ url: portal });
    expect(await json("whoami")).toMatchObject({ user: { username: "bob" }, token: { name: "cli" } });
    const created = await json<{
      vm: { id: string; state: string; ipAddress: string | null };
      credentials: { password: string };
    }>(
      "vms",
      "create",
      "--template",
      "Debian 13",
      "--name",
      "cli-1",
      "--cores",
      "1",
      "--memory",
      "1024",
      "--wait",
    );
    rememberSecret(seenSecrets, created.credentials.password);
    expect(created.vm).toMatchObject({ state: "running", ipAddress: expect.any(String) });
    expect(await json<{ id: string }[]>("vms", "list")).toContainEqual(
      expect.objectContaining({ id: created.vm.id, name: "cli-1", state: "running" }),
    );

    // What the API made is what the portal shows: the VM is on bob's list of VMs.
    await page.goto(`${portal}/vms`);
    await page.getByTestId("vm-row-cli-1").waitFor();
    expect(await json("vms", "delete", "cli-1", "--yes")).toMatchObject({ job: { state: "succeeded" } });
    expect(await json<{ id: string }[]>("vms", "list")).not.toContainEqual(
      expect.objectContaining({ id: created.vm.id }),
    );
  });
});
