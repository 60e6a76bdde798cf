import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ProxmoxClient } from "@/lib/proxmox";
import { startSimulator } from "@/pve-sim";

const dataDir = mkdtempSync(path.join(tmpdir(), "pve-sim-persist-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function clientFor(sim: Awaited<ReturnType<typeof startSimulator>>) {
  return new ProxmoxClient({
    id: "sim",
    name: "sim",
    apiUrls: [sim.url],
    tokenId: sim.tokenId,
    tokenSecret: sim.tokenSecret,
    fingerprint: sim.fingerprint,
  });
}

describe("the simulator across restarts", () => {
  it("keeps its certificate and its cluster, as a real node would", async () => {
    const first = await startSimulator({ port: 0, dataDir, taskSpeed: 50 });
    const client = clientFor(first);
    await client.createPool("kept", "survives a restart");
    await client.tasks.wait(await client.qemu.clone("pve1", 9000, { newid: 321, name: "kept-vm" }), {
      initialDelayMs: 20,
    });
    client.close();
    await first.close();

    const second = await startSimulator({ port: 0, dataDir, taskSpeed: 50 });
    expect(second.fingerprint).toBe(first.fingerprint);
    const again = clientFor(second);
    expect((await again.pools()).map((pool) => pool.poolid)).toContain("kept");
    expect((await again.qemu.config("pve1", 321)).name).toBe("kept-vm");
    again.close();
    await second.close();
  });

  it("takes faults over its control endpoint, behind the same token", async () => {
    const sim = await startSimulator({ port: 0, dataDir: null });
    const client = clientFor(sim);
    const { request } = await import("node:https");
    const post = (authorization: string) =>
      new Promise<number>((resolve, reject) => {
        const req = request(
          `${sim.url}/_sim/faults`,
          {
            method: "POST",
            ca: sim.ca,
            headers: { Authorization: authorization, "Content-Type": "application/json" },
          },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.on("error", reject);
        req.end(JSON.stringify({ offlineNodes: ["pve2"] }));
      });
    expect(await post("PVEAPIToken=nobody@pve!x=y")).toBe(401);
    expect(await post(`PVEAPIToken=${sim.token}`)).toBe(200);
    await expect(client.qemu.list("pve2")).rejects.toMatchObject({ status: 595 });
    expect((await client.resources.get()).find((item) => item.id === "node/pve2")?.status).toBe("offline");
    client.close();
    await sim.close();
  });
});
