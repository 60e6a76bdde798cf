import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { listAuditEvents } from "@/db/queries/audit";
import { issueConsoleTicket } from "@/lib/console/console-tickets";
import { type RunningRelay, startRelay } from "@/server-ws/relay";
import { createTestVm } from "../helpers/fixtures";
import { RIG_ORIGIN, servePortalRelayRoutes } from "../helpers/relay-rig";
import { actAs, createUserWithSession } from "../helpers/session";
import { setUpClusterTestbed } from "../helpers/testbed";
import { waitFor } from "../helpers/wait-for";

const cluster = setUpClusterTestbed({ sim: { consoleBackend: "builtin" } });
let portal: Awaited<ReturnType<typeof servePortalRelayRoutes>>;
let relay: RunningRelay;

beforeAll(async () => {
  process.env.ROOST_RELAY_SECRET = "relay-secret-for-revocation-0123456789ab";
  portal = await servePortalRelayRoutes();
  // The relay's own default heartbeat: the promise is "within seconds" as shipped.
  relay = await startRelay({
    port: 0,
    portalUrl: portal.url,
    relaySecret: process.env.ROOST_RELAY_SECRET,
    allowedOrigins: [RIG_ORIGIN],
  });
});
afterAll(async () => {
  await relay?.close();
  portal?.close();
});

interface Watched {
  socket: WebSocket;
  closed: Promise<{ code: number; reason: string; at: number }>;
}

type Person = Awaited<ReturnType<typeof createUserWithSession>>;

async function openConsole(person: Person, vmId: string, kind: "vnc" | "serial"): Promise<Watched> {
  const user = {
    id: person.id,
    name: person.username,
    email: null,
    username: person.username,
    role: person.role,
  };
  const issued = await issueConsoleTicket(user, vmId, kind);
  const socket = new WebSocket(`${relay.url}?token=${issued.token}`, ["binary"], {
    headers: { Origin: RIG_ORIGIN },
  });
  const closed = new Promise<{ code: number; reason: string; at: number }>((resolve) =>
    socket.on("close", (code, reason) => resolve({ code, reason: reason.toString(), at: Date.now() })),
  );
  // The console is live once the VM's first bytes arrive (the RFB banner, or the terminal's "OK").
  await new Promise((resolve, reject) => {
    socket.once("message", resolve);
    socket.once("close", () => reject(new Error(`the ${kind} console of ${person.username} closed at once`)));
  });
  return { socket, closed };
}

async function endsWithin(session: Watched, since: number, ms: number) {
  const closed = await session.closed;
  expect(closed).toMatchObject({ code: 4403, reason: "Your access to this console ended." });
  expect(closed.at - since).toBeLessThan(ms);
}

describe("consoles end with their person's access", () => {
  it("closes the old owner's serial console within seconds when an admin gives the VM to someone else, then the new owner's when they are disabled", async () => {
    const { setUserDisabledAction } = await import("@/app/(portal)/admin/users/actions");
    const { adminTransferVmAction } = await import("@/app/(portal)/admin/vms/actions");
    const admin = await createUserWithSession("ada", "admin");
    const watcher = await createUserWithSession("bea", "admin");
    const theo = await createUserWithSession("theo", "member");
    const dora = await createUserWithSession("dora", "member");
    const vm = await createTestVm({
      clusterId: "sim",
      ownerId: theo.id,
      name: "dns",
      vmid: 100,
      node: "pve2",
    });

    await cluster.client.qemu.updateConfig("pve2", 100, { serial0: "socket" });
    const theosConsole = await openConsole(theo, vm.id, "serial");
    const adminsConsole = await openConsole(watcher, vm.id, "vnc");
    actAs(admin);
    const transferredAt = Date.now();
    expect(await adminTransferVmAction({ vmId: vm.id, ownerId: dora.id })).toMatchObject({ ok: true });
    await endsWithin(theosConsole, transferredAt, 8000);

    const dorasConsole = await openConsole(dora, vm.id, "vnc");
    const disabledAt = Date.now();
    expect(await setUserDisabledAction({ userId: dora.id, disabled: true })).toMatchObject({ ok: true });
    await endsWithin(dorasConsole, disabledAt, 8000);

    // An admin may watch any VM's console, and nothing here took that away.
    expect(adminsConsole.socket.readyState).toBe(WebSocket.OPEN);
    adminsConsole.socket.close();

    // The relay reports each close to the portal after the socket ends; both land in the audit log.
    await waitFor("both closes in the audit log", async () => {
      const closes = await listAuditEvents({ action: "console.session.close", targetId: vm.id });
      return (
        closes.filter((event) => event.detail?.reason === "Your access to this console ended.").length === 2
      );
    });
  }, 40_000);
});
