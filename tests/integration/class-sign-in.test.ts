import { beforeAll, describe, expect, it } from "vitest";
import { recreateSeatVmAction, revealSeatPasswordAction } from "@/app/(portal)/cohorts/actions";
import { listAuditEvents } from "@/db/queries/audit";
import { listSeats } from "@/db/queries/cohorts";
import { insertSshKey } from "@/db/queries/ssh-keys";
import type { Template } from "@/db/schema";
import { seatSignInFor } from "@/lib/cohorts/seat-password";
import { sha512Crypt } from "@/lib/crypto/sha512-crypt";
import { decodeSshKeys } from "@/lib/proxmox";
import { sshKeys } from "../fixtures/ssh-keys";
import { approveLinkedTemplate, createClassOf, runClassBatches, vmRecord } from "../helpers/cohorts";
import { actAs, createUserWithSession, type TestUser } from "../helpers/session";
import { setUpClusterTestbed } from "../helpers/testbed";

const cluster = setUpClusterTestbed({ sim: { agentDelaySeconds: 0 } });
let template: Template;
let teacher: TestUser & { token: string };

beforeAll(async () => {
  template = await approveLinkedTemplate();
  teacher = await createUserWithSession("teacher", "admin");
});

const simConfig = (vmid: number) => cluster.sim.state.vms.find((vm) => vm.vmid === vmid)!.config;

describe("signing in to a class VM", () => {
  it("gives the student their SSH keys and a password shown to them once, and to nobody else", async () => {
    const ada = await createUserWithSession("ada", "member");
    const ben = await createUserWithSession("ben", "member");
    await insertSshKey({
      userId: ada.id,
      label: "laptop",
      publicKey: sshKeys.ed25519.line,
      fingerprint: sshKeys.ed25519.fingerprint,
    });
    const { cohort } = await createClassOf(teacher, template, {
      name: "Unix 2",
      slug: "unix2",
      usernames: ["ada", "ben"],
    });
    await runClassBatches();
    const seats = await listSeats({ cohortId: cohort.id });
    const vmOf = async (user: TestUser) =>
      vmRecord(seats.find(({ seat }) => seat.userId === user.id)!.seat.vmId!);
    const adaVm = await vmOf(ada);
    const benVm = await vmOf(ben);
    expect(adaVm.state).toBe("running");

    // Cloud-init got the student's keys (ben has none) and a SHA-512 crypt hash, never the password.
    expect(decodeSshKeys(simConfig(adaVm.vmid!).sshkeys)).toEqual([sshKeys.ed25519.line]);
    expect(simConfig(benVm.vmid!).sshkeys).toBeUndefined();
    const hash = simConfig(adaVm.vmid!).cipassword!;
    expect(hash).toMatch(/^\$6\$/);

    expect(await seatSignInFor(ada.id, adaVm)).toEqual({
      user: "debian",
      password: "waiting",
      shownAt: null,
    });
    expect(await seatSignInFor(ben.id, adaVm)).toBeNull();
    expect(await seatSignInFor(teacher.id, adaVm)).toBeNull();

    actAs(ben);
    expect(await revealSeatPasswordAction({ vmId: adaVm.id })).toMatchObject({
      ok: false,
      status: 404,
      error: "You have no class VM with this id.",
    });
    actAs(teacher);
    expect(await revealSeatPasswordAction({ vmId: adaVm.id })).toMatchObject({ ok: false, status: 404 });

    actAs(ada);
    const [first, second] = await Promise.all([
      revealSeatPasswordAction({ vmId: adaVm.id }),
      revealSeatPasswordAction({ vmId: adaVm.id }),
    ]);
    const shown = [first, second].filter((answer) => answer.ok);
    expect(shown).toHaveLength(1);
    const revealed = shown[0]!.ok ? shown[0]!.data : null;
    expect(revealed).toMatchObject({ user: "debian", password: expect.stringMatching(/^\S{16}$/) });
    // The password shown is the one whose hash Proxmox has.
    const salt = hash.split("$")[2]!;
    expect(sha512Crypt(revealed!.password, salt)).toBe(hash);
    expect([first, second].find((answer) => !answer.ok)).toMatchObject({
      status: 404,
      error: "This password was shown already; Roost keeps no copy.",
    });
    expect(await revealSeatPasswordAction({ vmId: adaVm.id })).toMatchObject({ ok: false, status: 404 });
    expect(await seatSignInFor(ada.id, adaVm)).toMatchObject({
      password: "shown",
      shownAt: expect.any(Date),
    });
    const audit = await listAuditEvents({ action: "cohort.seat_password" });
    expect(audit.filter((event) => event.result === "success")).toHaveLength(1);

    // Re-made from the template, the VM gets a password of its own, to be shown once again.
    expect(await recreateSeatVmAction({ vmId: adaVm.id, confirmName: "unix2-ada" })).toMatchObject({
      ok: true,
    });
    await runClassBatches();
    const [remade] = (await listSeats({ cohortId: cohort.id })).filter(({ seat }) => seat.userId === ada.id);
    const newVm = await vmRecord(remade!.seat.vmId!);
    expect(newVm.id).not.toBe(adaVm.id);
    expect(await seatSignInFor(ada.id, newVm)).toMatchObject({ password: "waiting" });
    const again = await revealSeatPasswordAction({ vmId: newVm.id });
    const newHash = simConfig(newVm.vmid!).cipassword!;
    expect(again.ok && sha512Crypt(again.data.password, newHash.split("$")[2]!)).toBe(newHash);
  });
});
