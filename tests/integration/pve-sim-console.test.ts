import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProxmoxClient } from "@/lib/proxmox";
import { qemuAvailable } from "@/pve-sim/console/qemu-display";
import { startTestCluster, type TestCluster } from "../helpers/pve-sim";
import { distinctColours, openRfb } from "../helpers/rfb-client";

async function consoleOf(cluster: TestCluster, node: string, vmid: number) {
  const grant = await cluster.client.console.vncproxy(node, vmid);
  const target = cluster.client.console.websocketTarget(node, vmid, grant);
  const connect = (password = grant.vncPassword, ticketTarget = target) =>
    openRfb(ticketTarget.url, password, { headers: ticketTarget.headers, ca: cluster.sim.ca });
  return { grant, target, connect };
}

function withTicket(url: string, ticket: string): string {
  const next = new URL(url);
  next.searchParams.set("vncticket", ticket);
  return next.toString();
}

describe.each([
  ["the built-in VNC server", "builtin" as const, true],
  ["QEMU's VNC server", "qemu" as const, qemuAvailable()],
])("the simulator's console, backed by %s", (_name, backend, available) => {
  let cluster: TestCluster;
  let client: ProxmoxClient;

  beforeAll(async () => {
    if (!available) return;
    cluster = await startTestCluster({ consoleBackend: backend, consoleAcceptMs: 1500 });
    client = cluster.client;
  });
  afterAll(() => cluster?.close());

  it.skipIf(!available)(
    "completes the RFB handshake through vncwebsocket with the returned password, and shows the screen",
    async () => {
      const { grant, connect } = await consoleOf(cluster, "pve2", 100);
      expect(grant.ticket.startsWith(`${grant.vncPassword}:PVEVNC:`)).toBe(true);
      const session = await connect();
      expect(session.width).toBeGreaterThan(0);
      if (backend === "builtin") expect(session.name).toBe("VM 100 infra-dns");
      const frame = await session.frame();
      // QEMU may switch video modes while SeaBIOS runs, so only the built-in display's frame size is fixed.
      if (backend === "builtin") expect(frame.length).toBe(session.width * session.height * 4);
      else expect(frame.length > 0 && frame.length % 4 === 0).toBe(true);
      if (backend === "builtin") expect(distinctColours(frame)).toBeGreaterThan(1);
      session.close();
    },
  );

  it.skipIf(!available)("refuses a wrong password at VNC authentication", async () => {
    const { connect } = await consoleOf(cluster, "pve2", 100);
    await expect(connect("wrong!!!")).rejects.toThrow(/authentication failed/i);
  });

  it.skipIf(!available)("refuses a wrong ticket, a used one, and one that waited too long", async () => {
    const { target, connect } = await consoleOf(cluster, "pve2", 100);
    await expect(
      openRfb(withTicket(target.url, "PVEVNC:00000000::Zm9yZ2Vk"), "x", {
        headers: target.headers,
        ca: cluster.sim.ca,
      }),
    ).rejects.toThrow(/HTTP 401/);
    const first = await connect();
    first.close();
    await expect(connect()).rejects.toThrow(/HTTP 401/);
    const late = await consoleOf(cluster, "pve2", 100);
    await new Promise((resolve) => setTimeout(resolve, 1700));
    await expect(late.connect()).rejects.toThrow(/HTTP 401/);
  });

  it.skipIf(!available)("refuses a stopped VM and closes consoles when the VM stops", async () => {
    const { connect } = await consoleOf(cluster, "pve2", 100);
    const session = await connect();
    await client.tasks.wait(await client.qemu.power("pve2", 100, "stop"), { initialDelayMs: 20 });
    await expect(session.frame()).rejects.toThrow(/closed/);
    await expect(client.console.vncproxy("pve2", 100)).rejects.toMatchObject({
      status: 500,
      reason: "VM 100 not running",
    });
    await client.tasks.wait(await client.qemu.power("pve2", 100, "start"), { initialDelayMs: 20 });
  });
});

describe("the console in PVE 8.4 mode", () => {
  let cluster: TestCluster;
  beforeAll(async () => {
    cluster = await startTestCluster({ consoleBackend: "builtin", pveVersion: "8.4" });
  });
  afterAll(() => cluster.close());

  it("returns no password; the ticket itself is the VNC password", async () => {
    const { grant, connect } = await consoleOf(cluster, "pve2", 100);
    expect(grant.ticket.startsWith("PVEVNC:")).toBe(true);
    expect(grant.vncPassword).toBe(grant.ticket);
    const session = await connect();
    expect(session.name).toBe("VM 100 infra-dns");
    session.close();
  });
});
