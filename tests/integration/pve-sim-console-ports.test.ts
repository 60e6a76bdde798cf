import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestCluster, type TestCluster } from "../helpers/pve-sim";
import { openRfb } from "../helpers/rfb-client";
import { waitFor } from "../helpers/wait-for";

let cluster: TestCluster;
// The simulator's clock, moved forward by the test instead of waiting for it.
let offset = 0;
beforeAll(async () => {
  cluster = await startTestCluster({
    consoleBackend: "builtin",
    consoleAcceptMs: 1500,
    now: () => Date.now() + offset,
  });
});
afterAll(() => cluster.close());

function withPort(url: string, port: number): string {
  const next = new URL(url);
  next.searchParams.set("port", String(port));
  return next.toString();
}

describe("console ports, as pve-common PVE::Tools::next_vnc_port hands them out", () => {
  it("vncproxy gives the lowest free port of 5900–5999, another one while the first is held", async () => {
    const first = await cluster.client.console.vncproxy("pve2", 100);
    const second = await cluster.client.console.vncproxy("pve2", 100);
    expect(first.port).toBeGreaterThanOrEqual(5900);
    expect(second.port).toBeLessThanOrEqual(5999);
    expect(second.port).not.toBe(first.port);
    const target = cluster.client.console.websocketTarget("pve2", 100, second)!;
    const session = await openRfb(target.url, second.vncPassword, {
      headers: target.headers,
      ca: cluster.sim.ca,
    });
    expect(session.width).toBeGreaterThan(0);
    session.close();
  });

  it("a port whose proxy stopped waiting, or whose connection ended, is handed out again", async () => {
    // The previous test's ports come free once their proxies stop waiting and its connection has closed.
    await waitFor("5900 and 5901 to be handed out again", async () => {
      offset += 1_600;
      const held = await cluster.client.console.vncproxy("pve2", 100);
      const next = await cluster.client.console.vncproxy("pve2", 100);
      return held.port === 5900 && next.port === 5901;
    });
    offset += 1_600;
    expect((await cluster.client.console.vncproxy("pve2", 100)).port).toBe(5900);
  });

  it("vncwebsocket refuses a port outside 5900–5999 with 400, as its schema's minimum and maximum do", async () => {
    const grant = await cluster.client.console.vncproxy("pve2", 100);
    const target = cluster.client.console.websocketTarget("pve2", 100, grant)!;
    for (const port of [5899, 6000]) {
      await expect(
        openRfb(withPort(target.url, port), grant.vncPassword, {
          headers: target.headers,
          ca: cluster.sim.ca,
        }),
      ).rejects.toThrow(/HTTP 400/);
    }
  });
});
