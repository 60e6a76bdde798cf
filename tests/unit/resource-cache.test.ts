import { describe, expect, it } from "vitest";
import { ResourceCache } from "@/lib/proxmox/resource-cache";
import type { Transport } from "@/lib/proxmox/transport";

const guest = (vmid: number, status: string) => ({
  id: `qemu/${vmid}`,
  type: "qemu",
  vmid,
  status,
  node: "pve1",
});

/** A cluster whose answers the test releases one by one, counting the reads. */
function slowCluster() {
  const answers: ((rows: unknown[]) => void)[] = [];
  const transport = {
    call: () => new Promise<unknown[]>((resolve) => answers.push(resolve)),
  } as unknown as Transport;
  return { transport, answers };
}

describe("the resource cache", () => {
  it("keeps a power action's outcome when a read that was out before the task ended answers after it", async () => {
    const { transport, answers } = slowCluster();
    const cache = new ResourceCache(transport);
    const reading = cache.get();
    cache.noteGuestStatus(100, "stopped");
    answers[0]!([guest(100, "running"), guest(101, "running")]);
    const resources = await reading;
    expect(resources.map((item) => [item.vmid, item.status])).toEqual([
      [100, "stopped"],
      [101, "running"],
    ]);
  });

  it("tells its listeners of amendments without asking Proxmox again, and keeps the answer's age", async () => {
    const { transport, answers } = slowCluster();
    let now = 0;
    const cache = new ResourceCache(transport, 5000, () => now);
    const heard: string[] = [];
    cache.onAnswer((resources, kind) => heard.push(`${kind}:${resources.map((item) => item.status).join()}`));
    const first = cache.get();
    answers[0]!([guest(100, "running"), guest(102, "stopped")]);
    await first;
    now = 3000;
    cache.noteGuestStatus(100, "stopped");
    cache.noteGuestGone(102);
    expect(await cache.get()).toEqual([expect.objectContaining({ vmid: 100, status: "stopped" })]);
    expect(answers).toHaveLength(1);
    expect(heard).toEqual(["read:running,stopped", "amended:stopped,stopped", "amended:stopped"]);
    now = 5000;
    void cache.get();
    expect(answers).toHaveLength(2);
  });

  it("adds a guest the portal made to the cached answer, once, also over a read that was out", async () => {
    const { transport, answers } = slowCluster();
    const cache = new ResourceCache(transport);
    await Promise.all([cache.get(), answers[0]!([guest(100, "running")])]);
    cache.noteGuestMade({ vmid: 105, node: "pve2", name: "restored" });
    expect((await cache.get()).map((item) => [item.vmid, item.status, item.node])).toEqual([
      [100, "running", "pve1"],
      [105, "stopped", "pve2"],
    ]);
    const reading = cache.get({ maxAgeMs: 0 });
    cache.noteGuestMade({ vmid: 106, node: "pve1", name: "another" });
    answers[1]!([guest(100, "running"), guest(106, "stopped")]);
    expect((await reading).map((item) => item.vmid)).toEqual([100, 106]);
  });
});
