import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { recreateSeatVmAction } from "@/app/(portal)/cohorts/actions";
import { getDb } from "@/db/client";
import { listAuditEvents } from "@/db/queries/audit";
import { listSeats } from "@/db/queries/cohorts";
import { type Template, vmEvents } from "@/db/schema";
import { renderMessage } from "@/lib/i18n/message";
import { englishTranslator } from "@/lib/i18n/translator";
import { approveLinkedTemplate, createClassOf, runClassBatches, vmRecord } from "../helpers/cohorts";
import { createTestVm } from "../helpers/fixtures";
import { actAs, createUserWithSession, type TestUser } from "../helpers/session";
import { setUpClusterTestbed } from "../helpers/testbed";

const cluster = setUpClusterTestbed({ sim: { agentDelaySeconds: 0 } });
let template: Template;
let teacher: TestUser & { token: string };

beforeAll(async () => {
  template = await approveLinkedTemplate();
  teacher = await createUserWithSession("teacher", "admin");
});

async function classOfTwo() {
  const ada = await createUserWithSession("ada", "member");
  const ben = await createUserWithSession("ben", "member");
  const { cohort } = await createClassOf(teacher, template, {
    name: "Unix 1",
    slug: "unix1",
    usernames: ["ada", "ben"],
  });
  await runClassBatches();
  const seats = await listSeats({ cohortId: cohort.id });
  const seatOf = (user: TestUser) => seats.find(({ seat }) => seat.userId === user.id)!.seat;
  return { cohort, ada, ben, adaSeat: seatOf(ada) };
}

describe("re-creating a class VM from its template", () => {
  it("replaces the student's VM with a fresh one of the same name, once, for the student and the teacher only", async () => {
    const { cohort, ada, ben, adaSeat } = await classOfTwo();
    const old = await vmRecord(adaSeat.vmId!);
    expect(old).toMatchObject({ state: "running", baselineSnapshot: "baseline", name: "unix1-ada" });
    cluster.sim.cluster.writeGuestFile(old.vmid!, "/home/debian/broken.txt", "oops\n");

    actAs(ben);
    expect(await recreateSeatVmAction({ vmId: old.id, confirmName: "unix1-ada" })).toMatchObject({
      ok: false,
      status: 404,
    });
    actAs(ada);
    expect(await recreateSeatVmAction({ vmId: old.id, confirmName: "unix1" })).toMatchObject({
      ok: false,
      status: 400,
      error: "Type the VM's name, unix1-ada, to confirm.",
    });
    expect(cluster.sim.cluster.findVm(old.vmid!)).toBeDefined();

    // Two clicks at once: one VM destroyed, the seat queued once.
    const answers = await Promise.all([
      recreateSeatVmAction({ vmId: old.id, confirmName: "unix1-ada" }),
      recreateSeatVmAction({ vmId: old.id, confirmName: "unix1-ada" }),
    ]);
    expect(answers.filter((answer) => answer.ok)).not.toHaveLength(0);
    expect(cluster.sim.cluster.findVm(old.vmid!)).toBeUndefined();
    expect(await vmRecord(old.id)).toMatchObject({ state: "deleted" });
    await runClassBatches();

    const seat = (await listSeats({ cohortId: cohort.id })).find(({ seat }) => seat.id === adaSeat.id)!.seat;
    expect(seat).toMatchObject({ state: "ready", error: null });
    expect(seat.vmId).not.toBe(old.id);
    const fresh = await vmRecord(seat.vmId!);
    expect(fresh).toMatchObject({
      name: "unix1-ada",
      ownerId: ada.id,
      state: "running",
      baselineSnapshot: "baseline",
    });
    const onProxmox = cluster.sim.state.vms.filter((vm) => vm.config.name === "unix1-ada");
    expect(onProxmox.map((vm) => vm.vmid)).toEqual([fresh.vmid]);
    expect(onProxmox[0]!.snapshots.map((snapshot) => snapshot.name)).toContain("baseline");
    expect(cluster.sim.cluster.findVm(fresh.vmid!)!.files?.["/home/debian/broken.txt"]).toBeUndefined();
    // Ben's VM was not touched.
    expect(cluster.sim.state.vms.filter((vm) => vm.config.name?.startsWith("unix1-"))).toHaveLength(2);

    const oldEvents = await getDb().select().from(vmEvents).where(eq(vmEvents.vmId, old.id));
    expect(oldEvents.map((event) => renderMessage(event.message, englishTranslator()))).toContain(
      "Deleted to be made again from Debian 13 (linked)",
    );
    const audit = await listAuditEvents({ action: "cohort.seat_recreate" });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ result: "success", actorId: ada.id });

    // The teacher may re-create a student's VM too.
    actAs(teacher);
    expect(await recreateSeatVmAction({ vmId: fresh.id, confirmName: "unix1-ada" })).toMatchObject({
      ok: true,
    });
    await runClassBatches();
    const again = (await listSeats({ cohortId: cohort.id })).find(({ seat }) => seat.id === adaSeat.id)!.seat;
    expect(again.state).toBe("ready");
    expect(again.vmId).not.toBe(fresh.id);
  }, 120_000);

  it("is refused with a reason for a VM that belongs to no class", async () => {
    const owner = await createUserWithSession("solo", "member");
    const vm = await createTestVm({
      clusterId: "sim",
      ownerId: owner.id,
      name: "solo-vm",
      vmid: 150,
      node: "pve2",
    });
    actAs(owner);
    expect(await recreateSeatVmAction({ vmId: vm.id, confirmName: "solo-vm" })).toMatchObject({
      ok: false,
      status: 409,
      error: "This VM is not a class's VM: only a class's VMs can be made again from its template.",
    });
  });
});
