import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addSshKeyAction, removeSshKeyAction } from "@/app/(portal)/profile/actions";
import { listSshKeys } from "@/db/queries/ssh-keys";
import { sshKeys } from "../fixtures/ssh-keys";
import { createTestDatabase, type TestDatabase } from "../helpers/database";
import { actAs, createUserWithSession } from "../helpers/session";

let database: TestDatabase;
let alice: Awaited<ReturnType<typeof createUserWithSession>>;
let bob: Awaited<ReturnType<typeof createUserWithSession>>;

beforeAll(async () => {
  database = await createTestDatabase();
  alice = await createUserWithSession("alice", "member");
  bob = await createUserWithSession("bob", "member");
});
afterAll(() => database.drop());

describe("a member's SSH keys", () => {
  it("are added once, named by their comment unless given a name", async () => {
    actAs(alice);
    const added = await addSshKeyAction({ publicKey: sshKeys.ed25519.line });
    expect(added).toMatchObject({ ok: true, data: { fingerprint: sshKeys.ed25519.fingerprint } });
    expect(await addSshKeyAction({ publicKey: sshKeys.ed25519.line, label: "again" })).toMatchObject({
      ok: false,
      status: 409,
      error: "You have already added this key.",
    });
    await addSshKeyAction({ publicKey: sshKeys.rsa3072.line, label: "desk" });
    const keys = await listSshKeys({ userId: alice.id });
    expect(keys.map((key) => key.label)).toEqual(["alice@laptop", "desk"]);
  });

  it("take at most 60 characters of a long comment as their name, as a typed name is capped", async () => {
    const [type, data] = sshKeys.ecdsa384.line.split(" ");
    actAs(bob);
    const added = await addSshKeyAction({ publicKey: `${type} ${data} ${"c".repeat(16_000)}` });
    expect(added).toMatchObject({ ok: true });
    const [key] = await listSshKeys({ userId: bob.id });
    expect(key!.label).toBe("c".repeat(60));
    await removeSshKeyAction({ id: key!.id });
  });

  it("refuse direction-changing characters in a typed name or in the key's comment", async () => {
    const [type, data] = sshKeys.ecdsa384.line.split(" ");
    actAs(bob);
    expect(
      await addSshKeyAction({ publicKey: sshKeys.ecdsa384.line, label: "work\u202egpj.exe" }),
    ).toMatchObject({
      ok: false,
      status: 400,
      fieldErrors: { label: [expect.stringContaining("change the direction")] },
    });
    expect(await addSshKeyAction({ publicKey: `${type} ${data} bob@\u2067laptop` })).toMatchObject({
      ok: false,
      status: 400,
      error: expect.stringContaining("change the direction"),
    });
    expect(await listSshKeys({ userId: bob.id })).toEqual([]);
  });

  it("refuse a weak or broken key with the reason, storing nothing", async () => {
    actAs(bob);
    expect(await addSshKeyAction({ publicKey: sshKeys.rsa1024.line })).toMatchObject({
      ok: false,
      status: 400,
      error: expect.stringContaining("at least 2048"),
    });
    expect(await listSshKeys({ userId: bob.id })).toEqual([]);
  });

  it("can only be removed by their owner; anyone else gets not found", async () => {
    const [key] = await listSshKeys({ userId: alice.id });
    actAs(bob);
    expect(await removeSshKeyAction({ id: key!.id })).toMatchObject({ ok: false, status: 404 });
    actAs(null);
    expect(await removeSshKeyAction({ id: key!.id })).toMatchObject({ ok: false, status: 404 });
    actAs(alice);
    expect(await removeSshKeyAction({ id: key!.id })).toEqual({ ok: true, data: { id: key!.id } });
    expect((await listSshKeys({ userId: alice.id })).map((k) => k.label)).toEqual(["desk"]);
  });
});
