import { describe, expect, it } from "vitest";
import type { ProxmoxClient } from "@/lib/proxmox";
import { ProxmoxError } from "@/lib/proxmox/errors";
import { lookForVm } from "@/lib/vms/vm-sighting";

// Cases the simulator cannot stage (a container holding the id, a VM the list leaves out yet whose config
// answers), answered the way PVE answers them.
const missing = (node: string) =>
  new ProxmoxError({
    kind: "server",
    status: 500,
    reason: `Configuration file 'nodes/${node}/qemu-server/301.conf' does not exist`,
    message: "GET failed",
  });
const refused = () =>
  new ProxmoxError({
    kind: "forbidden",
    status: 403,
    reason: "Permission check failed (/vms/301, VM.Audit)",
    message: "GET failed",
  });

function cluster({
  free,
  configs,
}: {
  free: boolean;
  configs: Record<string, Record<string, string> | Error>;
}) {
  const asked: string[] = [];
  const client = {
    isVmidFree: async () => free,
    qemu: {
      config: async (node: string) => {
        asked.push(node);
        const answer = configs[node] ?? missing(node);
        if (answer instanceof Error) throw answer;
        return answer;
      },
    },
  } as unknown as ProxmoxClient;
  return { client, asked };
}

const recorded = { node: "pve1", vmid: 301, name: "web" };
const allUp = { online: ["pve1", "pve2", "pve3"], offline: [] };

describe("looking for a VM the resource list left out", () => {
  it("calls it gone when the cluster says its id is free, without reading any config", async () => {
    const { client, asked } = cluster({ free: true, configs: {} });
    expect(await lookForVm(client, recorded, allUp)).toMatchObject({ seen: "gone" });
    expect(asked).toEqual([]);
  });

  it("cannot tell when Proxmox refuses the config of a VM whose id is taken", async () => {
    const { client } = cluster({ free: false, configs: { pve1: refused() } });
    expect(await lookForVm(client, recorded, allUp)).toEqual({
      seen: "unknown",
      reason: "Proxmox refused its config on pve1 (403: Permission check failed (/vms/301, VM.Audit))",
    });
  });

  it("finds a VM that moved, asking the recorded node first", async () => {
    const { client, asked } = cluster({ free: false, configs: { pve3: { name: "web", tags: "roost" } } });
    expect(await lookForVm(client, recorded, allUp)).toEqual({ seen: "present", node: "pve3" });
    expect(asked).toEqual(["pve1", "pve2", "pve3"]);
  });

  it("calls it replaced when its id now holds another VM", async () => {
    const { client } = cluster({ free: false, configs: { pve1: { name: "intruder" } } });
    const sighting = await lookForVm(client, recorded, allUp);
    expect(sighting).toMatchObject({ seen: "replaced" });
    expect(JSON.stringify(sighting)).toMatch(
      /is named \\"intruder\\", not \\"web\\" and has no \\"roost\\" tag/,
    );
  });

  it("calls it gone when every node says it does not exist, and cannot tell while a node is offline", async () => {
    expect(await lookForVm(cluster({ free: false, configs: {} }).client, recorded, allUp)).toMatchObject({
      seen: "gone",
    });
    const partly = { online: ["pve1", "pve2"], offline: ["pve3"] };
    expect(await lookForVm(cluster({ free: false, configs: {} }).client, recorded, partly)).toEqual({
      seen: "unknown",
      reason: "no node that answered holds its config, and pve3 did not answer",
    });
  });
});
