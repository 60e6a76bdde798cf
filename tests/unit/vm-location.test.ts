import { describe, expect, it } from "vitest";
import { ProxmoxError } from "@/lib/proxmox/errors";
import { saysNotOnThisNode } from "@/lib/vms/vm-location";

const answer = (reason: string, kind: "server" | "task-failed" = "server") =>
  new ProxmoxError(
    kind === "server" ? { kind, status: 500, reason, message: "POST failed" } : { kind, message: reason },
  );

describe("saysNotOnThisNode", () => {
  it("hears both of qemu-server's words for a VM whose config is on another node, from the API or a task", () => {
    expect(
      saysNotOnThisNode(answer("Configuration file 'nodes/pve1/qemu-server/310.conf' does not exist")),
    ).toBe(true);
    expect(saysNotOnThisNode(answer("unable to find configuration file for VM 310 on node 'pve1'"))).toBe(
      true,
    );
    expect(
      saysNotOnThisNode(
        answer("Configuration file 'nodes/pve1/qemu-server/310.conf' does not exist", "task-failed"),
      ),
    ).toBe(true);
  });

  it("does not take other things that do not exist for a moved VM", () => {
    expect(saysNotOnThisNode(answer("snapshot 'before' does not exist"))).toBe(false);
    expect(saysNotOnThisNode(answer("storage 'fast' does not exist"))).toBe(false);
    expect(saysNotOnThisNode(answer("Permission check failed (/vms/310, VM.PowerMgmt)"))).toBe(false);
  });
});
