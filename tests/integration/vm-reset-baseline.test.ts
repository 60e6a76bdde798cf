import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { resetToBaselineAction } from "@/app/(portal)/vms/actions";
import { getDb } from "@/db/client";
import { listAuditEvents } from "@/db/queries/audit";
import { vmEvents, vmShares } from "@/db/schema";
import { renderMessage } from "@/lib/i18n/message";
import { englishTranslator } from "@/lib/i18n/translator";
import { createTestVm } from "../helpers/fixtures";
import { actAs, createUserWithSession } from "../helpers/session";
import { setUpClusterTestbed } from "../helpers/testbed";

const cluster = setUpClusterTestbed();

describe("reset to baseline", () => {
  it("returns the disk to the baseline snapshot, starts a running VM again, and only for those who may snapshot", async () => {
    const student = await createUserWithSession("student", "member");
    const stranger = await createUserWithSession("stranger", "member");
    const watcher = await createUserWithSession("watcher", "member");
    await cluster.client.tasks.wait(await cluster.client.qemu.createSnapshot("pve2", 100, "baseline"));
    const vm = await createTestVm({
      clusterId: "sim",
      ownerId: student.id,
      name: "infra-dns",
      vmid: 100,
      node: "pve2",
      baselineSnapshot: "baseline",
    });
    await getDb().insert(vmShares).values({ vmId: vm.id, userId: watcher.id, role: "viewer" });
    cluster.sim.cluster.writeGuestFile(100, "/home/debian/broken.txt", "rm -rf went wrong\n");
    cluster.sim.cluster.writeGuestFile(100, "/etc/hostname", "not-mine\n");

    actAs(stranger);
    expect(await resetToBaselineAction({ vmId: vm.id, confirmName: "infra-dns" })).toMatchObject({
      ok: false,
      status: 404,
    });
    actAs(watcher);
    expect(await resetToBaselineAction({ vmId: vm.id, confirmName: "infra-dns" })).toMatchObject({
      ok: false,
      status: 403,
    });
    actAs(student);
    expect(await resetToBaselineAction({ vmId: vm.id, confirmName: "infra" })).toMatchObject({
      ok: false,
      status: 400,
      error: "Type the VM's name, infra-dns, to confirm.",
    });
    expect(cluster.sim.cluster.findVm(100)!.files!["/home/debian/broken.txt"]).toBeDefined();

    expect(await resetToBaselineAction({ vmId: vm.id, confirmName: "infra-dns" })).toEqual({
      ok: true,
      data: { state: "running" },
    });
    const files = cluster.sim.cluster.findVm(100)!.files!;
    expect(files["/home/debian/broken.txt"]).toBeUndefined();
    expect(files["/etc/hostname"]!.data).toBe("infra-dns\n");
    expect(await cluster.client.qemu.status("pve2", 100)).toMatchObject({ status: "running" });
    const events = await getDb().select().from(vmEvents).where(eq(vmEvents.vmId, vm.id));
    expect(events.map((event) => renderMessage(event.message, englishTranslator()))).toContain(
      "Reset to its baseline (snapshot baseline)",
    );
    const audit = await listAuditEvents({ action: "vm.reset_baseline" });
    expect(audit.map((entry) => entry.result)).toEqual(["success"]);
  });

  it("is refused with a reason for a VM that has no baseline", async () => {
    const owner = await createUserWithSession("plain", "member");
    const vm = await createTestVm({
      clusterId: "sim",
      ownerId: owner.id,
      name: "plain-vm",
      vmid: 101,
      node: "pve2",
    });
    actAs(owner);
    expect(await resetToBaselineAction({ vmId: vm.id, confirmName: "plain-vm" })).toMatchObject({
      ok: false,
      status: 409,
      error: "This VM has no baseline to reset to.",
    });
  });
});
