import { describe, expect, it } from "vitest";
import { issueConsoleTicket, redeemConsoleTicket, TICKET_TTL_MS } from "@/lib/console/console-tickets";
import { createTestVm } from "../helpers/fixtures";
import { cloneMemberVm } from "../helpers/pve-sim";
import { createUserWithSession } from "../helpers/session";
import { setUpClusterTestbed } from "../helpers/testbed";

const cluster = setUpClusterTestbed({ sim: { consoleBackend: "builtin" } });

const asUser = (user: { id: string; username: string; role: "member" | "admin" | "auditor" }) => ({
  id: user.id,
  name: user.username,
  email: null,
  username: user.username,
  role: user.role,
});

describe("console tickets", () => {
  it("are issued to the VM's owner with a VNC password and no Proxmox credential, and redeemed once", async () => {
    const alice = await createUserWithSession("alice", "member");
    const vm = await createTestVm({
      clusterId: "sim",
      ownerId: alice.id,
      name: "dns",
      vmid: 100,
      node: "pve2",
    });
    const issued = await issueConsoleTicket(asUser(alice), vm.id);
    expect(issued.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(issued.password).toHaveLength(8);
    expect(JSON.stringify(issued)).not.toContain(cluster.tokenSecret);
    expect(JSON.stringify(issued)).not.toContain("PVEVNC");

    const first = await redeemConsoleTicket(issued.token);
    expect(first).toMatchObject({
      ok: true,
      ticket: { vmid: 100, node: "pve2", kind: "vnc", userId: alice.id },
    });
    expect(await redeemConsoleTicket(issued.token)).toEqual({ ok: false, reason: "used" });
    expect(await redeemConsoleTicket("not-a-token")).toEqual({ ok: false, reason: "unknown" });
  });

  it("expire after 30 seconds", async () => {
    const olga = await createUserWithSession("olga", "member");
    await cloneMemberVm(cluster.client, { newid: 502, name: "late" });
    await cluster.client.tasks.wait(await cluster.client.qemu.power("pve1", 502, "start"), {
      initialDelayMs: 20,
    });
    const vm = await createTestVm({
      clusterId: "sim",
      ownerId: olga.id,
      name: "late",
      vmid: 502,
      node: "pve1",
    });
    const now = new Date();
    const issued = await issueConsoleTicket(asUser(olga), vm.id, "vnc", now);
    expect(await redeemConsoleTicket(issued.token, new Date(now.getTime() + TICKET_TTL_MS + 1))).toEqual({
      ok: false,
      reason: "expired",
    });
  });

  it("are refused for another member's VM and for a stopped VM, each with its own reason", async () => {
    const bob = await createUserWithSession("bob", "member");
    const carol = await createUserWithSession("carol", "member");
    await cloneMemberVm(cluster.client, { newid: 500, name: "off" });
    const stopped = await createTestVm({
      clusterId: "sim",
      ownerId: carol.id,
      name: "off",
      vmid: 500,
      node: "pve1",
      state: "stopped",
    });
    await expect(issueConsoleTicket(asUser(bob), stopped.id)).rejects.toMatchObject({ kind: "not-found" });
    await expect(issueConsoleTicket(asUser(carol), stopped.id)).rejects.toThrow(
      "The VM is not running; start it first.",
    );
  });

  it("go to exactly one of two relays redeeming at once", async () => {
    const dave = await createUserWithSession("dave", "member");
    await cloneMemberVm(cluster.client, { newid: 501, name: "race" });
    await cluster.client.tasks.wait(await cluster.client.qemu.power("pve1", 501, "start"), {
      initialDelayMs: 20,
    });
    const vm = await createTestVm({
      clusterId: "sim",
      ownerId: dave.id,
      name: "race",
      vmid: 501,
      node: "pve1",
    });
    const issued = await issueConsoleTicket(asUser(dave), vm.id);
    const results = await Promise.all([redeemConsoleTicket(issued.token), redeemConsoleTicket(issued.token)]);
    expect(results.filter((result) => result.ok)).toHaveLength(1);
  });
});
