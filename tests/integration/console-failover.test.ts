import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { clusters } from "@/db/schema";
import { installProxmoxClient } from "@/lib/clusters/client-registry";
import { issueConsoleTicket } from "@/lib/console/console-tickets";
import { ProxmoxClient } from "@/lib/proxmox";
import { type RunningSimulator, startSimulator } from "@/pve-sim";
import type { SimListener } from "@/pve-sim/listeners";
import { CONSOLE_ORIGIN, startConsolePortal } from "../helpers/console-portal";
import { createTestDatabase, type TestDatabase } from "../helpers/database";
import { createTestVm } from "../helpers/fixtures";
import { distinctColours, openRfb } from "../helpers/rfb-client";
import { createUserWithSession } from "../helpers/session";
import { openTerm } from "../helpers/term-client";

let database: TestDatabase;
let sim: RunningSimulator;
let nodeA: SimListener;
let nodeB: SimListener;
let client: ProxmoxClient;
let portal: Awaited<ReturnType<typeof startConsolePortal>>;
let owner: { id: string };
let vmId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  sim = await startSimulator({ port: 0, dataDir: null, taskSpeed: 20, consoleBackend: "builtin" });
  // Two API URLs of one cluster, each a different node's pveproxy, as PVE_API_URLS lists them.
  nodeA = await sim.listen({ node: "pve1" });
  nodeB = await sim.listen({ node: "pve2" });
  client = new ProxmoxClient(
    {
      id: "sim",
      name: "Simulator",
      apiUrls: [nodeA.url, nodeB.url],
      tokenId: sim.tokenId,
      tokenSecret: sim.tokenSecret,
      fingerprint: sim.fingerprint,
    },
    { timeoutMs: 5000 },
  );
  await getDb()
    .insert(clusters)
    .values({
      id: "sim",
      name: "sim",
      apiUrls: [nodeA.url, nodeB.url],
      tokenId: sim.tokenId,
      tokenSecretEncrypted: "",
    });
  installProxmoxClient("sim", client);
  portal = await startConsolePortal();
  const user = await createUserWithSession("alice", "member");
  owner = { id: user.id };
  vmId = (await createTestVm({ clusterId: "sim", ownerId: user.id, name: "dns", vmid: 100, node: "pve2" }))
    .id;
});
afterAll(async () => {
  await portal?.close();
  installProxmoxClient("sim", undefined);
  client?.close();
  await sim?.close();
  await database?.drop();
});

const member = () => ({
  id: owner.id,
  name: "alice",
  email: null,
  username: "alice",
  role: "member" as const,
});

/** node A's pveproxy is unreachable for one call, so the client fails over to node B and stays there. */
async function failOverToB<T>(call: () => Promise<T>): Promise<T> {
  nodeA.pause();
  try {
    return await call();
  } finally {
    await nodeA.resume();
  }
}

describe("consoles across API URL failover", () => {
  it("a console opened through one URL and another opened after failing over both work, each through its own node", async () => {
    const before = await issueConsoleTicket(member(), vmId);
    const first = await openRfb(`${portal.relay.url}?token=${before.token}`, before.password, {
      headers: { Origin: CONSOLE_ORIGIN },
    });
    expect(distinctColours(await first.frame())).toBeGreaterThan(1);

    // Node A answers again, but the client now prefers B: B's proxy listens on B's localhost only.
    const after = await failOverToB(() => issueConsoleTicket(member(), vmId));
    const second = await openRfb(`${portal.relay.url}?token=${after.token}`, after.password, {
      headers: { Origin: CONSOLE_ORIGIN },
    });
    expect(distinctColours(await second.frame())).toBeGreaterThan(1);
    expect(distinctColours(await first.frame())).toBeGreaterThan(1);

    await client.qemu.updateConfig("pve2", 100, { serial0: "socket" });
    const serial = await issueConsoleTicket(member(), vmId, "serial");
    const term = await openTerm(`${portal.relay.url}?token=${serial.token}`, null, {
      headers: { Origin: CONSOLE_ORIGIN },
    });
    await term.waitFor(/^OK[\s\S]*root@infra-dns:~# $/);
    term.close();
    first.close();
    second.close();
  });
});

describe("the simulator's API URLs", () => {
  it("a console proxy made through one node's URL is reached only through that URL, as PVE's localhost listener", async () => {
    const grant = await failOverToB(() => client.console.vncproxy("pve2", 100));
    expect(grant.apiUrl).toBe(nodeB.url);
    const through = (apiUrl: string) => client.console.websocketTarget("pve2", 100, { ...grant, apiUrl })!;
    const wrong = through(nodeA.url);
    await expect(
      openRfb(wrong.url, grant.vncPassword, { headers: wrong.headers, ca: sim.ca }),
    ).rejects.toThrow(/socket hang up|closed 1006/);
    // The ticket itself is valid cluster-wide: the right node still takes it.
    const right = through(nodeB.url);
    const session = await openRfb(right.url, grant.vncPassword, { headers: right.headers, ca: sim.ca });
    expect(session.name).toBe("VM 100 infra-dns");
    session.close();
  });

  it("a URL that is not one of the cluster's is never connected to", () => {
    expect(
      client.console.websocketTarget("pve2", 100, { port: 5900, ticket: "x", apiUrl: "https://elsewhere" }),
    ).toBeNull();
  });
});
