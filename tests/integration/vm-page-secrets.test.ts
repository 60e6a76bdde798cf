import { describe, expect, it } from "vitest";
import { createTestVm } from "../helpers/fixtures";
import { actAs, createUserWithSession } from "../helpers/session";
import { setUpClusterTestbed } from "../helpers/testbed";

// VM 100 stands for an adopted VM: the guide's optional /vms grant.
const cluster = setUpClusterTestbed({ sim: { consoleBackend: "builtin" }, access: { adoptAnyVm: true } });

/** What the page hands React to send to the browser, as text: every prop and key of every element. */
function sent(tree: unknown): string {
  return JSON.stringify(tree, (_key, value) => (typeof value === "function" ? undefined : value));
}

describe("a member's VM page", () => {
  it("lists the VM's Proxmox tasks without their UPIDs, so the API token id never reaches the browser", async () => {
    const owner = await createUserWithSession("uma", "member");
    const vm = await createTestVm({
      clusterId: "sim",
      ownerId: owner.id,
      name: "dns",
      vmid: 100,
      node: "pve2",
    });
    // A console opened on the VM is a Proxmox task, with the portal's token in its UPID.
    await cluster.client.console.vncproxy("pve2", 100);
    const tasks = await cluster.client.tasks.list("pve2", { vmid: 100, source: "all" });
    expect(tasks.some((task) => task.upid.includes(cluster.tokenId))).toBe(true);

    actAs(owner);
    const { default: VmPage } = await import("@/app/(portal)/vms/[vmId]/page");
    const text = sent(
      await VmPage({ params: Promise.resolve({ vmId: vm.id }), searchParams: Promise.resolve({}) }),
    );
    expect(text).toContain("vncproxy");
    expect(text).not.toContain(cluster.tokenId);
    expect(text).not.toContain("UPID:");
  });
});
