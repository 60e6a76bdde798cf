import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProxmoxClient } from "@/lib/proxmox";
import { GUEST_BOOT_SECTOR } from "@/pve-sim/console/guest-boot-sector";
import { qemuAvailable } from "@/pve-sim/console/qemu-display";
import { startTestCluster, type TestCluster } from "../helpers/pve-sim";
import { distinctColours, openRfb } from "../helpers/rfb-client";
import { openTerm } from "../helpers/term-client";

async function consoleOf(cluster: TestCluster, node: string, vmid: number) {
  const grant = await cluster.client.console.vncproxy(node, vmid);
  const target = cluster.client.console.websocketTarget(node, vmid, grant)!;
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
  // The simulator's clock, moved forward by the test instead of waiting for it.
  let offset = 0;

  beforeAll(async () => {
    if (!available) return;
    cluster = await startTestCluster({
      consoleBackend: backend,
      consoleAcceptMs: 1500,
      now: () => Date.now() + offset,
    });
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
    offset += 1_700;
    await expect(late.connect()).rejects.toThrow(/HTTP 401/);
  });

  // API2/Qemu.pm vncproxy has no running check: the proxy is made, and `qm vncproxy` dies on connect.
  it.skipIf(!available)(
    "closes consoles when the VM stops; a stopped VM's proxy is granted, but its websocket closes on connect",
    async () => {
      const { connect } = await consoleOf(cluster, "pve2", 100);
      const session = await connect();
      await client.tasks.wait(await client.qemu.power("pve2", 100, "stop"), { initialDelayMs: 20 });
      await expect(session.frame()).rejects.toThrow(/closed/);
      const stopped = await consoleOf(cluster, "pve2", 100);
      expect(stopped.grant.port).toBeGreaterThanOrEqual(5900);
      await expect(stopped.connect()).rejects.toThrow(/closed 1006/);
      await client.tasks.wait(await client.qemu.power("pve2", 100, "start"), { initialDelayMs: 20 });
    },
  );
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

describe.each([
  ["the built-in line console", "builtin" as const, true],
  ["QEMU's serial port", "qemu" as const, qemuAvailable()],
])("the simulator's serial terminal (termproxy), backed by %s", (_name, backend, available) => {
  let cluster: TestCluster;

  beforeAll(async () => {
    if (!available) return;
    cluster = await startTestCluster({ consoleBackend: backend });
    await cluster.client.qemu.updateConfig("pve2", 100, { serial0: "socket" });
  });
  afterAll(() => cluster?.close());

  async function terminal(login?: { user: string; ticket: string } | null) {
    const grant = await cluster.client.console.termproxy("pve2", 100);
    const target = cluster.client.console.websocketTarget("pve2", 100, grant)!;
    const session = await openTerm(
      target.url,
      login === undefined ? { user: grant.user ?? "", ticket: grant.ticket } : login,
      { headers: target.headers, ca: cluster.sim.ca },
    );
    return { grant, session };
  }

  it.skipIf(!available)("answers OK to the user and ticket, then carries keystrokes and output", async () => {
    const { grant, session } = await terminal();
    expect(grant.user).toBe(cluster.tokenId);
    await session.waitFor(/^OK/);
    session.type("echo roost-serial\r");
    await session.waitFor(/roost-serial[\s\S]*\r\n/);
    session.close();
  });

  it.skipIf(!available)("refuses a session whose first line is not its user and ticket", async () => {
    const { session } = await terminal({ user: "root@pam", ticket: "PVEVNC:forged" });
    expect((await session.closed).code).toBe(1008);
    expect(session.output()).not.toContain("OK");
  });

  it.skipIf(!available)("says a VM without that serial port has no serial interface", async () => {
    await cluster.client.qemu.updateConfig("pve2", 100, { delete: "serial0" });
    const { session } = await terminal();
    await session.closed;
    expect(session.output()).toContain("unable to find a serial interface");
    await cluster.client.qemu.updateConfig("pve2", 100, { serial0: "socket" });
  });
});

describe("the guest the simulator boots in QEMU", () => {
  it.skipIf(spawnSync("as", ["--version"]).status !== 0)("is the assembled guest-boot-sector.s", () => {
    const folder = mkdtempSync(path.join(tmpdir(), "boot-sector-"));
    const source = path.resolve("pve-sim/console/guest-boot-sector.s");
    const object = path.join(folder, "guest.o");
    const binary = path.join(folder, "guest.bin");
    expect(spawnSync("as", ["--32", "-o", object, source]).status).toBe(0);
    expect(
      spawnSync("ld", ["-m", "elf_i386", "-Ttext", "0x7c00", "--oformat", "binary", "-o", binary, object])
        .status,
    ).toBe(0);
    expect(readFileSync(binary).equals(GUEST_BOOT_SECTOR)).toBe(true);
    rmSync(folder, { recursive: true, force: true });
  });
});
