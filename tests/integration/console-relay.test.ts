import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { listAuditEvents } from "@/db/queries/audit";
import { countOpenConsoleSessions } from "@/db/queries/console-tickets";
import { issueConsoleTicket } from "@/lib/console/console-tickets";
import { setSetting } from "@/lib/settings/settings";
import { type RunningRelay, startRelay } from "@/server-ws/relay";
import { createTestVm } from "../helpers/fixtures";
import { servePortalRelayRoutes } from "../helpers/relay-rig";
import { distinctColours, openRfb } from "../helpers/rfb-client";
import { createUserWithSession } from "../helpers/session";
import { openTerm } from "../helpers/term-client";
import { setUpClusterTestbed } from "../helpers/testbed";
import { waitFor } from "../helpers/wait-for";

const secret = "relay-secret-for-tests-0123456789abcdef";
const origin = "http://localhost:3000";
// VM 100 (infra-dns) stands for an adopted VM, which needs the guide's optional grant on /vms.
const cluster = setUpClusterTestbed({ sim: { consoleBackend: "builtin" }, access: { adoptAnyVm: true } });
let portal: { url: string; close(): void };
let relay: RunningRelay;
let owner: { id: string; username: string };
let vmId: string;

beforeAll(async () => {
  process.env.ROOST_RELAY_SECRET = secret;
  // The portal's relay routes, served over HTTP as Next serves them.
  portal = await servePortalRelayRoutes();
  relay = await startRelay({
    port: 0,
    portalUrl: portal.url,
    relaySecret: secret,
    allowedOrigins: [origin],
  });
  const user = await createUserWithSession("alice", "member");
  owner = { id: user.id, username: "alice" };
  vmId = (await createTestVm({ clusterId: "sim", ownerId: user.id, name: "dns", vmid: 100, node: "pve2" }))
    .id;
});
afterAll(async () => {
  await relay?.close();
  portal?.close();
});

const member = () => ({
  id: owner.id,
  name: "alice",
  email: null,
  username: "alice",
  role: "member" as const,
});

const countOpen = () =>
  countOpenConsoleSessions({ userId: owner.id, seenSince: new Date(Date.now() - 60_000) });

function closeOf(url: string, headers: Record<string, string>): Promise<{ code: number; reason: string }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.on("close", (code, reason) => resolve({ code, reason: reason.toString() }));
    ws.on("error", reject);
  });
}

describe("the console relay", () => {
  it("relays the RFB handshake with the ticket's password, and the VM's screen", async () => {
    const issued = await issueConsoleTicket(member(), vmId);
    const session = await openRfb(`${relay.url}?token=${issued.token}`, issued.password, {
      headers: { Origin: origin },
    });
    expect(session.name).toBe("VM 100 infra-dns");
    expect(distinctColours(await session.frame())).toBeGreaterThan(1);
    session.close();
  });

  it("refuses a used ticket, an unknown one and a wrong origin, each with its own reason", async () => {
    const issued = await issueConsoleTicket(member(), vmId);
    const first = await openRfb(`${relay.url}?token=${issued.token}`, issued.password, {
      headers: { Origin: origin },
    });
    first.close();
    expect(await closeOf(`${relay.url}?token=${issued.token}`, { Origin: origin })).toEqual({
      code: 4401,
      reason: "This console link was already used; open the console again.",
    });
    expect(await closeOf(`${relay.url}?token=nonsense`, { Origin: origin })).toMatchObject({
      code: 4401,
      reason: expect.stringMatching(/not valid/),
    });
    const fresh = await issueConsoleTicket(member(), vmId);
    expect(
      await closeOf(`${relay.url}?token=${fresh.token}`, { Origin: "https://evil.example" }),
    ).toMatchObject({ code: 4403 });
  });

  it("closes the browser's side with a reason when the VM stops", async () => {
    const issued = await issueConsoleTicket(member(), vmId);
    const session = await openRfb(`${relay.url}?token=${issued.token}`, issued.password, {
      headers: { Origin: origin },
    });
    await cluster.client.tasks.wait(await cluster.client.qemu.power("pve2", 100, "stop"), {
      initialDelayMs: 20,
    });
    await expect(session.frame()).rejects.toMatchObject({
      code: 4000,
      reason: expect.stringMatching(/VM's screen closed/),
    });
    await cluster.client.tasks.wait(await cluster.client.qemu.power("pve2", 100, "start"), {
      initialDelayMs: 20,
    });
  });

  it("opens a serial terminal: the relay sends termproxy's user:ticket line, the browser never sees it", async () => {
    await cluster.client.qemu.updateConfig("pve2", 100, { serial0: "socket" });
    const issued = await issueConsoleTicket(member(), vmId, "serial");
    expect(issued.password).toBe("");
    const term = await openTerm(`${relay.url}?token=${issued.token}`, null, { headers: { Origin: origin } });
    await term.waitFor(/^OK[\s\S]*root@infra-dns:~# $/);
    term.type("hostname\r");
    await term.waitFor(/hostname\r\ninfra-dns\r\n/);
    expect(term.output()).not.toContain("PVEVNC");
    term.close();
  });

  it("records every session's open and close in the audit log, with duration and bytes", async () => {
    const issued = await issueConsoleTicket(member(), vmId);
    const session = await openRfb(`${relay.url}?token=${issued.token}`, issued.password, {
      headers: { Origin: origin },
    });
    await session.frame();
    session.close();
    const closed = await waitFor("the session's close in the audit log", async () =>
      (await listAuditEvents({ action: "console.session.close" })).find(
        (event) => (event.detail as { bytesToBrowser: number }).bytesToBrowser > 100_000,
      ),
    );
    expect(closed).toMatchObject({
      actorId: owner.id,
      targetId: vmId,
      detail: {
        kind: "vnc",
        durationMs: expect.any(Number),
        bytesToVm: expect.any(Number),
        reason: "closed by the browser",
      },
    });
    expect((await listAuditEvents({ action: "console.session.open" })).length).toBeGreaterThan(0);
  });

  it("holds each member to the configured number of open consoles, counting only live sessions", async () => {
    await waitFor("no console to be open", async () => (await countOpen()) === 0);
    await setSetting("console.limits", { concurrentPerUser: 1 }, null);
    try {
      // Both issued before either opens: only the relay's redemption can hold the line.
      const second = await issueConsoleTicket(member(), vmId, "serial");
      const first = await issueConsoleTicket(member(), vmId);
      const session = await openRfb(`${relay.url}?token=${first.token}`, first.password, {
        headers: { Origin: origin },
      });
      expect(await closeOf(`${relay.url}?token=${second.token}`, { Origin: origin })).toMatchObject({
        code: 4429,
        reason: expect.stringMatching(/close one first/),
      });
      await expect(issueConsoleTicket(member(), vmId)).rejects.toThrow(/already have 1 console open/);
      session.close();
      await waitFor("no console to be open", async () => (await countOpen()) === 0);
      const third = await issueConsoleTicket(member(), vmId);
      (
        await openRfb(`${relay.url}?token=${third.token}`, third.password, { headers: { Origin: origin } })
      ).close();
    } finally {
      await setSetting("console.limits", { concurrentPerUser: 3 }, null);
    }
  });

  it("answers its health check", async () => {
    const port = new URL(relay.url).port;
    expect(await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()).toEqual({ status: "ok" });
  });

  it("refuses a console cleanly when the portal's answer is not one it can read, and opens nothing", async () => {
    const opened: string[] = [];
    const strangePortal = createServer((req, res) => {
      req.resume();
      opened.push(req.url ?? "");
      // A portal of another version: a redeemed ticket without the target the relay needs.
      res
        .writeHead(200, { "content-type": "application/json" })
        .end(JSON.stringify({ userId: "u", vmId: "v" }));
    });
    await new Promise<void>((resolve) => strangePortal.listen(0, "127.0.0.1", resolve));
    const strict = await startRelay({
      port: 0,
      portalUrl: `http://127.0.0.1:${(strangePortal.address() as AddressInfo).port}`,
      relaySecret: secret,
      allowedOrigins: [origin],
    });
    try {
      expect(await closeOf(`${strict.url}?token=anything`, { Origin: origin })).toEqual({
        code: 4502,
        reason: expect.stringMatching(/answer could not be read/),
      });
      expect(opened).toEqual(["/api/console/redeem"]);
    } finally {
      await strict.close();
      strangePortal.close();
    }
  });
});
