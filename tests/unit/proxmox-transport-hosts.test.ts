import { describe, expect, it } from "vitest";
import { clusterConfigSchema } from "@/lib/proxmox/cluster-config";
import { Transport } from "@/lib/proxmox/transport";
import { freePort } from "@/scripts/free-port";

describe("a cluster none of whose API URLs answer", () => {
  it("names the host that failed last, not the one it tried first", async () => {
    const [first, second] = [await freePort(), await freePort()];
    const transport = new Transport(
      clusterConfigSchema.parse({
        id: "down",
        name: "Down",
        apiUrls: [`https://127.0.0.1:${first}`, `https://localhost:${second}`],
        tokenId: "roost@pve!portal",
        tokenSecret: "secret",
        insecure: true,
      }),
    );
    await expect(transport.call("POST", "/nodes/pve1/qemu")).rejects.toMatchObject({
      kind: "connection",
      message: `Cannot reach Proxmox at localhost:${second} (ECONNREFUSED)`,
    });
  });
});
