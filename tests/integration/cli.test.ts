import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "@/lib/api/openapi";
import { apiRoutes } from "@/lib/api/routes";
import { startEmbeddedRunner, stopEmbeddedRunner } from "@/lib/jobs/start-embedded-runner";
import { emitApiTypes, type OpenApiDocument } from "@/scripts/emit-api-types";
import { freePort } from "@/scripts/free-port";
import { type RunningRelay, startRelay } from "@/server-ws/relay";
import { callApiJson, createTestApiToken } from "../helpers/api";
import { serveApi } from "../helpers/api-server";
import { approveDebianTemplate } from "../helpers/fixtures";
import { servePortalRelayRoutes } from "../helpers/relay-rig";
import { createUserWithSession } from "../helpers/session";
import { setUpClusterTestbed } from "../helpers/testbed";
import { waitFor } from "../helpers/wait-for";

const root = path.resolve(import.meta.dirname, "../..");
const cluster = setUpClusterTestbed({ sim: { agentDelaySeconds: 0, consoleBackend: "builtin" } });

// Where console tickets send the CLI: read by the portal's configuration, so set before it is.
const relayPort = await freePort();
process.env.ROOST_CONSOLE_URL = `ws://127.0.0.1:${relayPort}/console/ws`;
process.env.ROOST_RELAY_SECRET = "relay-secret-for-cli-tests-0123456789abcdef";

let api: Awaited<ReturnType<typeof serveApi>>;
let relayRoutes: Awaited<ReturnType<typeof servePortalRelayRoutes>>;
let relay: RunningRelay;
let configHome: string;
let token: string;
let templateId: string;

interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Only what a shell would pass, so nothing of the test's own environment leaks into the CLI. */
const shellEnv = (extra: Record<string, string>) => ({
  NODE_ENV: "production" as const,
  PATH: process.env.PATH,
  HOME: configHome,
  XDG_CONFIG_HOME: configHome,
  ...extra,
});

interface RunningCli {
  child: ChildProcessWithoutNullStreams;
  /** Waits until stdout matches, else fails showing everything the CLI printed. */
  shows(pattern: RegExp): Promise<void>;
  done: Promise<CliRun>;
}

/**
 * `npx roost …` in a process of its own, as a person or a script runs it; with `tty`, on a
 * pseudo-terminal that script(1) makes, as a person's shell runs it.
 */
function startRoost(args: string[], { env = {}, tty = false } = {}): RunningCli {
  const command = [process.execPath, path.join(root, "cli/bin.mjs"), ...args];
  const child = tty
    ? spawn("script", ["-qfec", command.join(" "), "/dev/null"], {
        cwd: root,
        env: shellEnv({ TERM: "xterm", ...env }),
      })
    : spawn(command[0]!, command.slice(1), { cwd: root, env: shellEnv(env) });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk;
  });
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk;
  });
  const done = new Promise<CliRun>((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, stdout, stderr }));
  });
  const shows = async (pattern: RegExp) => {
    await waitFor(`${pattern}`, () => pattern.test(stdout)).catch(() => {
      throw new Error(
        `roost ${args.join(" ")} never printed ${pattern}: ${JSON.stringify({ stdout, stderr, exit: child.exitCode })}`,
      );
    });
  };
  return { child, shows, done };
}

function roost(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  const run = startRoost(args, { env });
  run.child.stdin.end();
  return run.done;
}

/** What the API itself says to this token: the detail the CLI must print. */
async function refusalOf(unknownToken: string): Promise<string> {
  const { status, body } = await callApiJson<{ detail: string }>(unknownToken, "GET", "/me");
  expect(status).toBe(401);
  return body.detail;
}

const json = <T = Record<string, unknown>>(run: CliRun): T => {
  if (run.code !== 0) throw new Error(`roost exited ${run.code}: ${run.stderr}`);
  return JSON.parse(run.stdout) as T;
};

beforeAll(async () => {
  templateId = (await approveDebianTemplate()).id;
  const user = await createUserWithSession("cli-user", "member");
  token = (await createTestApiToken(user.id, ["manage"])).token;
  api = await serveApi();
  relayRoutes = await servePortalRelayRoutes();
  relay = await startRelay({
    port: relayPort,
    portalUrl: relayRoutes.url,
    relaySecret: process.env.ROOST_RELAY_SECRET!,
    allowedOrigins: ["http://localhost:3000"],
  });
  await startEmbeddedRunner();
  configHome = mkdtempSync(path.join(tmpdir(), "roost-cli-"));
});

afterAll(async () => {
  await stopEmbeddedRunner({ timeoutMs: 5000 });
  await relay?.close();
  relayRoutes?.close();
  await api?.close();
  if (configHome) rmSync(configHome, { recursive: true, force: true });
});

describe("the roost command line", () => {
  it("keeps a checked login readable only by its owner", async () => {
    const unknown = `roost_${"x".repeat(43)}`;
    const refused = await roost(["login", "--url", api.url, "--token", unknown]);
    expect(refused).toMatchObject({ code: 1, stderr: `roost: ${await refusalOf(unknown)}\n` });

    // `--token -` reads it from stdin, keeping it out of the shell's history and the process list.
    const fromStdin = startRoost(["login", "--url", `${api.url}/`, "--token", "-", "--json"]);
    fromStdin.child.stdin.end(`${token}\n`);
    const login = json<{ file: string }>(await fromStdin.done);
    expect(login.file).toBe(path.join(configHome, "roost", "config.json"));
    expect(statSync(login.file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(login.file, "utf8"))).toEqual({ url: api.url, token });

    const me = json(await roost(["whoami", "--json"]));
    expect(me).toMatchObject({ url: api.url, user: { username: "cli-user" }, token: { scopes: ["manage"] } });
  });

  it("creates a VM, waits until it runs, then lists and shows it", async () => {
    const created = json<{
      vm: { id: string; name: string; state: string; ipAddress: string | null };
      job: { id: string };
      credentials: { user: string; password: string };
    }>(
      await roost([
        "vms",
        "create",
        "--template",
        templateId,
        "--name",
        "cli-made",
        "--disk",
        "8",
        "--wait",
        "--json",
      ]),
    );
    expect(created.vm).toMatchObject({ name: "cli-made", state: "running", ipAddress: expect.any(String) });
    expect(created.credentials).toMatchObject({ user: "debian", password: expect.stringMatching(/.{12,}/) });

    const listed = json<{ id: string; name: string }[]>(await roost(["vms", "list", "--json"]));
    expect(listed).toEqual([expect.objectContaining({ id: created.vm.id, name: "cli-made" })]);
    const human = await roost(["vms", "list"]);
    expect(human.stdout).toMatch(/^NAME +STATE.*\ncli-made +running/);

    expect(json(await roost(["vms", "get", "cli-made", "--json"]))).toMatchObject({ id: created.vm.id });
    expect(json(await roost(["wait", created.vm.id, "--state", "running", "--json"]))).toMatchObject({
      state: "running",
    });
    expect(json(await roost(["jobs", "follow", created.job.id, "--json"]))).toMatchObject({
      id: created.job.id,
      state: "succeeded",
    });
  });

  it("opens the VM's serial console in the terminal, and leaves it on Ctrl-]", async () => {
    const session = startRoost(["console", "cli-made"]);
    await session.shows(/root@cli-made:~# $/);
    session.child.stdin.write("hostname\r");
    await session.shows(/hostname\r\ncli-made\r\n/);
    session.child.stdin.write("\x1d");
    expect(await session.done).toMatchObject({ code: 0, stderr: "" });
  });

  it("puts a real terminal in raw mode, so keys reach the VM as typed and Ctrl-] leaves at once", async () => {
    const session = startRoost(["console", "cli-made"], { tty: true });
    await session.shows(/root@cli-made:~# $/);
    // No newline: in the terminal's usual line mode nothing would be sent before one.
    session.child.stdin.write("hostnam");
    await session.shows(/# hostnam$/);
    session.child.stdin.write("e\r");
    await session.shows(/# hostname\r+\ncli-made\r+\n/);
    session.child.stdin.write("\x1d");
    expect(await session.done).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/^Connected; press Ctrl-\] to leave\./),
    });
  });

  it("powers a VM off and on by name", async () => {
    const stopped = json(await roost(["vms", "stop", "cli-made", "--force", "--json"]));
    expect(stopped).toMatchObject({ action: "stop", state: "stopped", job: { state: "succeeded" } });
    expect(await roost(["console", "cli-made"])).toMatchObject({
      code: 1,
      stderr: "roost: The VM is not running; start it first.\n",
    });
    const started = json(await roost(["vms", "start", "cli-made", "--json"]));
    expect(started).toMatchObject({ action: "start", state: "running" });
  });

  it("says why provisioning failed and exits non-zero, for --wait and for jobs follow", async () => {
    cluster.sim.setFaults({ failTasks: [{ type: "qmclone", message: "clone failed: storage busy" }] });
    try {
      const run = await roost([
        "vms",
        "create",
        "--template",
        templateId,
        "--name",
        "cli-flaky",
        "--disk",
        "8",
        "--wait",
        "--json",
      ]);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/^roost: Job provision-.* failed: .*storage busy/);
      // The one JSON document still carries the one-time password.
      const created = JSON.parse(run.stdout) as { job: { id: string }; credentials: { password: string } };
      expect(created.credentials.password).toEqual(expect.any(String));
      const follow = await roost(["jobs", "follow", created.job.id]);
      expect(follow.code).toBe(1);
      expect(follow.stdout).toMatch(/^failed/m);
      expect(follow.stderr).toMatch(/storage busy/);
    } finally {
      cluster.sim.setFaults({ failTasks: [] });
    }
  });

  it("prints a problem as one line on stderr with exit code 1, and usage errors with exit code 2", async () => {
    const invalid = await roost([
      "vms",
      "create",
      "--template",
      templateId,
      "--name",
      "Not A Name!",
      "--json",
    ]);
    expect(invalid).toMatchObject({ code: 1, stdout: "" });
    expect(invalid.stderr).toMatch(/^roost: .*\(name: [^\n]+\)\n$/);

    const missing = await roost(["vms", "get", "no-such-vm"]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe('roost: You have no VM named "no-such-vm"; `roost vms list` shows yours.\n');

    const unknownId = await roost(["vms", "get", "00000000-0000-4000-8000-000000000000"]);
    expect(unknownId).toMatchObject({ code: 1, stderr: "roost: You see no VM with this id.\n" });

    expect((await roost(["vms", "get"])).code).toBe(2);
    expect(
      (await roost(["vms", "create", "--template", templateId, "--name", "x", "--cores", "two"])).code,
    ).toBe(2);
    expect((await roost(["vms", "delete", "cli-made"])).code).toBe(2);
    expect((await roost(["wait", "cli-made", "--state", "asleep"])).code).toBe(2);
  });

  it("uses ROOST_URL and ROOST_TOKEN over the stored login", async () => {
    const other = `roost_${"y".repeat(43)}`;
    const run = await roost(["vms", "list", "--json"], { ROOST_URL: api.url, ROOST_TOKEN: other });
    expect(run).toMatchObject({ code: 1, stdout: "", stderr: `roost: ${await refusalOf(other)}\n` });
  });

  it("deletes a VM only when told --yes", async () => {
    const deleted = json(await roost(["vms", "delete", "cli-made", "--yes", "--json"]));
    expect(deleted).toMatchObject({
      vm: { name: "cli-made" },
      job: { kind: "vm.delete", state: "succeeded" },
    });
    expect(
      json<{ name: string }[]>(await roost(["vms", "list", "--json"])).map((vm) => vm.name),
    ).not.toContain("cli-made");
  });
});

describe("cli/api-types.ts", () => {
  it("is what the current routes' OpenAPI document generates (else run npm run generate:api)", async () => {
    const generated = await emitApiTypes(buildOpenApiDocument(apiRoutes) as OpenApiDocument);
    expect(readFileSync(path.join(root, "cli/api-types.ts"), "utf8")).toBe(generated);
  });
});
