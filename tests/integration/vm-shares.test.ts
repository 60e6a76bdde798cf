import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { revokeShareAction, shareVmAction } from "@/app/(portal)/vms/[vmId]/sharing-actions";
import { SharingCard } from "@/app/(portal)/vms/[vmId]/sharing-card";
import { getDb } from "@/db/client";
import { listAuditEvents } from "@/db/queries/audit";
import { listMail } from "@/db/queries/mail";
import { listVmEvents } from "@/db/queries/vm-events";
import { users, type Vm, vmShares } from "@/db/schema";
import { allows, authorizeVm, type Person, vmAccess } from "@/lib/authz/vm-access";
import { bindShareInvites } from "@/lib/shares/bind-share-invites";
import { listVmShares } from "@/lib/shares/list-shares";
import { revokeShare } from "@/lib/shares/revoke-share";
import { shareVm } from "@/lib/shares/share-vm";
import { callApiJson, createTestApiToken } from "../helpers/api";
import { undocumentedAnswer } from "../helpers/api-schema";
import { createTestDatabase, type TestDatabase } from "../helpers/database";
import { createTestCluster, createTestVm } from "../helpers/fixtures";
import { actAs, createUserWithSession, type TestUser } from "../helpers/session";

process.env.ROOST_PUBLIC_URL = "https://roost.lab.example";

let database: TestDatabase;
let alice: TestUser & { token: string };
let bob: TestUser & { token: string };
let dora: TestUser & { token: string };
let stranger: TestUser & { token: string };
let ada: TestUser & { token: string };

const personOf = (user: TestUser): Person => ({ id: user.id, role: user.role });
const actor = (user: TestUser) => ({ id: user.id, label: user.username });

beforeAll(async () => {
  database = await createTestDatabase();
  await createTestCluster();
  alice = await createUserWithSession("alice", "member");
  bob = await createUserWithSession("bob", "member");
  dora = await createUserWithSession("dora", "member");
  stranger = await createUserWithSession("mallory", "member");
  ada = await createUserWithSession("ada", "admin");
});
afterAll(() => database.drop());
afterEach(() => {
  vi.useRealTimers();
  actAs(null);
});

async function aliceVm(name: string): Promise<Vm> {
  return createTestVm({ ownerId: alice.id, name });
}

const mayDo = async (user: TestUser, vm: Vm, now?: Date) => {
  const access = await vmAccess(personOf(user), vm.id, { now });
  return ["view", "power", "console", "snapshot", "renew", "resize", "delete", "share"].filter((action) =>
    allows(access, action as Parameters<typeof allows>[1]),
  );
};

describe("sharing a VM", () => {
  it("gives an operator view and power, a viewer only view; it is audited, on the timeline and mailed", async () => {
    const vm = await aliceVm("shared-web");
    actAs(alice);
    expect(await shareVmAction({ vmId: vm.id, person: "bob", role: "operator" })).toEqual({
      ok: true,
      data: { recipient: "bob", change: "created", invited: false },
    });
    expect(await shareVmAction({ vmId: vm.id, person: "Dora@test.invalid", role: "viewer" })).toMatchObject({
      ok: true,
      data: { recipient: "dora", invited: false },
    });

    expect(await mayDo(bob, vm)).toEqual(["view", "power", "console", "snapshot", "renew"]);
    expect(await mayDo(dora, vm)).toEqual(["view"]);
    await expect(authorizeVm(personOf(dora), vm.id, "power")).rejects.toMatchObject({ kind: "forbidden" });
    await expect(authorizeVm(personOf(bob), vm.id, "delete")).rejects.toMatchObject({ kind: "forbidden" });

    const audit = await listAuditEvents({ action: "vm.share", targetId: vm.id });
    expect(audit.map((event) => event.detail)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ recipient: "bob", userId: bob.id, role: "operator", change: "created" }),
        expect.objectContaining({ recipient: "dora", userId: dora.id, role: "viewer" }),
      ]),
    );
    expect((await listVmEvents({ vmId: vm.id })).map((event) => [event.kind, event.message])).toEqual(
      expect.arrayContaining([
        ["shared", "Shared with bob as operator"],
        ["shared", "Shared with dora as viewer"],
      ]),
    );
    const [mail] = (await listMail({ userId: bob.id })).filter((message) => message.kind === "vm-shared");
    expect(mail).toMatchObject({ to: "bob@test.invalid", subject: "alice shared shared-web with you" });
    expect(mail!.text).toContain("You are its operator.");
    expect(mail!.text).toContain(`https://roost.lab.example/vms/${vm.id}`);
  });

  it("changes the terms of a share the person has rather than making a second", async () => {
    const vm = await aliceVm("reshared");
    const request = { person: "bob", role: "viewer" as const };
    await shareVm({ person: personOf(alice), vmId: vm.id, request, actor: actor(alice) });
    const again = await shareVm({
      person: personOf(alice),
      vmId: vm.id,
      request: { ...request, role: "operator", until: "2099-01-31" },
      actor: actor(alice),
    });
    expect(again.change).toBe("updated");
    const shares = await listVmShares({ person: personOf(alice), vmId: vm.id });
    expect(shares).toHaveLength(1);
    expect(shares[0]).toMatchObject({
      role: "operator",
      status: "live",
      expiresAt: new Date("2099-02-01T00:00:00Z"),
    });
    expect(await mayDo(bob, vm)).toContain("power");
    const changed = (await listVmEvents({ vmId: vm.id })).find((event) =>
      event.message.startsWith("Share with"),
    );
    expect(changed?.message).toBe("Share with bob changed: as operator through 31 January 2099");
  });

  it("refuses yourself, the VM's owner, nobody and an end in the past, each at its field", async () => {
    const vm = await aliceVm("refusals");
    actAs(alice);
    const refused = (person: string, until?: string) =>
      shareVmAction({ vmId: vm.id, person, role: "viewer", ...(until ? { until } : {}) });
    expect(await refused("alice")).toMatchObject({
      status: 400,
      fieldErrors: { person: ["You cannot share a VM with yourself."] },
    });
    expect(await refused("nobody-here")).toMatchObject({
      status: 400,
      fieldErrors: { person: [expect.stringContaining("share by e-mail to invite them")] },
    });
    expect(await refused("not@an-address")).toMatchObject({
      status: 400,
      fieldErrors: { person: expect.any(Array) },
    });
    expect(await refused("bob", "2020-01-01")).toMatchObject({
      status: 400,
      fieldErrors: { until: [expect.stringContaining("must be in the future")] },
    });
    expect(await refused("bob", "next tuesday")).toMatchObject({
      status: 400,
      fieldErrors: { until: expect.any(Array) },
    });

    actAs(ada);
    expect(await refused("alice")).toMatchObject({
      status: 400,
      fieldErrors: { person: ["alice owns this VM already."] },
    });
    expect(await getDb().select().from(vmShares).where(eq(vmShares.vmId, vm.id))).toEqual([]);
  });

  it("ends the person's access when revoked, and a second revoke finds nothing", async () => {
    const vm = await aliceVm("revoked");
    const { share } = await shareVm({
      person: personOf(alice),
      vmId: vm.id,
      request: { person: "bob", role: "operator" },
      actor: actor(alice),
    });
    await authorizeVm(personOf(bob), vm.id, "power");
    actAs(alice);
    expect(await revokeShareAction({ vmId: vm.id, shareId: share.id })).toEqual({
      ok: true,
      data: { recipient: "bob" },
    });
    await expect(authorizeVm(personOf(bob), vm.id, "view")).rejects.toMatchObject({ kind: "not-found" });
    expect(await revokeShareAction({ vmId: vm.id, shareId: share.id })).toMatchObject({
      ok: false,
      status: 404,
    });
    expect(await listVmShares({ person: personOf(alice), vmId: vm.id })).toEqual([]);
    const [revoke] = await listAuditEvents({ action: "vm.share_revoke", targetId: vm.id });
    expect(revoke?.detail).toMatchObject({ shareId: share.id, recipient: "bob" });
    expect((await listVmEvents({ vmId: vm.id }))[0]).toMatchObject({
      kind: "unshared",
      message: "Share with bob revoked",
    });
  });

  it("stops working at its end with nobody acting, by the clock alone", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2030-03-10T12:00:00Z"));
    const vm = await aliceVm("until-friday");
    await shareVm({
      person: personOf(alice),
      vmId: vm.id,
      request: { person: "bob", role: "operator", until: "2030-03-15" },
      actor: actor(alice),
    });
    expect(await mayDo(bob, vm)).toContain("power");

    vi.setSystemTime(new Date("2030-03-15T23:59:00Z"));
    await authorizeVm(personOf(bob), vm.id, "power");

    vi.setSystemTime(new Date("2030-03-16T00:00:00Z"));
    await expect(authorizeVm(personOf(bob), vm.id, "view")).rejects.toMatchObject({ kind: "not-found" });
    expect(await mayDo(bob, vm)).toEqual([]);
    const [row] = await listVmShares({ person: personOf(alice), vmId: vm.id });
    expect(row).toMatchObject({ status: "expired", label: "bob" });
  });
});

describe("an invitation by e-mail", () => {
  it("is mailed with a sign-in link and binds to the person at their first sign-in with that verified address", async () => {
    const vm = await aliceVm("invited");
    actAs(alice);
    expect(await shareVmAction({ vmId: vm.id, person: "Carol@Lab.Example", role: "viewer" })).toMatchObject({
      ok: true,
      data: { recipient: "carol@lab.example", invited: true },
    });
    const [invite] = await getDb().select().from(vmShares).where(eq(vmShares.vmId, vm.id));
    expect(invite).toMatchObject({ userId: null, inviteEmail: "carol@lab.example", role: "viewer" });
    const [mail] = (await listMail()).filter((message) => message.to === "carol@lab.example");
    expect(mail).toMatchObject({ kind: "share-invite", userId: null });
    expect(mail!.text).toContain(
      `https://roost.lab.example/signin?callbackUrl=${encodeURIComponent(`/vms/${vm.id}`)}`,
    );
    expect((await listVmShares({ person: personOf(alice), vmId: vm.id }))[0]).toMatchObject({
      status: "invited",
      label: "carol@lab.example",
    });

    // Auth.js has made the user by the time events.signIn runs.
    const [carol] = await getDb()
      .insert(users)
      .values({ name: "Carol", username: "carol", email: "carol@lab.example" })
      .returning();
    const carolPerson: Person = { id: carol!.id, role: "member" };
    expect(await bindShareInvites(carol!, { email: "carol@lab.example", email_verified: false })).toEqual([]);
    await expect(authorizeVm(carolPerson, vm.id, "view")).rejects.toMatchObject({ kind: "not-found" });

    const bound = await bindShareInvites(carol!, { email: "CAROL@lab.example", email_verified: true });
    expect(bound).toHaveLength(1);
    await authorizeVm(carolPerson, vm.id, "view");
    await expect(authorizeVm(carolPerson, vm.id, "power")).rejects.toMatchObject({ kind: "forbidden" });
    expect((await listVmShares({ person: personOf(alice), vmId: vm.id }))[0]).toMatchObject({
      status: "live",
      label: "Carol",
      userId: carol!.id,
    });
    expect(await bindShareInvites(carol!, { email: "carol@lab.example", email_verified: true })).toEqual([]);
    const [audit] = await listAuditEvents({ action: "vm.share", actorId: carol!.id });
    expect(audit?.detail).toMatchObject({ invite: "carol@lab.example", boundTo: carol!.id });
  });

  it("is limited per person and day, so the portal cannot be used to mail anyone", async () => {
    const vm = await createTestVm({ ownerId: dora.id, name: "many-invites" });
    const request = (index: number) => ({
      person: `guest${index}@elsewhere.example`,
      role: "viewer" as const,
    });
    for (let index = 0; index < 20; index++)
      await shareVm({ person: personOf(dora), vmId: vm.id, request: request(index), actor: actor(dora) });
    await expect(
      shareVm({ person: personOf(dora), vmId: vm.id, request: request(20), actor: actor(dora) }),
    ).rejects.toMatchObject({ kind: "rate-limited", message: /invited 20 people by e-mail in the last day/ });
    // Changing an invitation already sent is no new mail to a stranger.
    await shareVm({
      person: personOf(dora),
      vmId: vm.id,
      request: { ...request(3), role: "operator" },
      actor: actor(dora),
    });
  });

  it("yields to a share the person was given by username meanwhile", async () => {
    const vm = await aliceVm("both-ways");
    await shareVm({
      person: personOf(alice),
      vmId: vm.id,
      request: { person: "eve@elsewhere.example", role: "operator" },
      actor: actor(alice),
    });
    const [eve] = await getDb()
      .insert(users)
      .values({ name: "Eve", username: "eve", email: "eve@lab.example" })
      .returning();
    await shareVm({
      person: personOf(alice),
      vmId: vm.id,
      request: { person: "eve", role: "viewer" },
      actor: actor(alice),
    });
    expect(await bindShareInvites(eve!, { email: "eve@elsewhere.example", email_verified: true })).toEqual(
      [],
    );
    const shares = await listVmShares({ person: personOf(alice), vmId: vm.id });
    expect(shares.map(({ label, role, status }) => [label, role, status])).toEqual([
      ["Eve", "viewer", "live"],
    ]);
  });
});

describe("someone who may not share the VM", () => {
  it("learns nothing as a stranger (404) and is forbidden as a shared viewer (403)", async () => {
    const vm = await aliceVm("guarded");
    const { share } = await shareVm({
      person: personOf(alice),
      vmId: vm.id,
      request: { person: "dora", role: "viewer" },
      actor: actor(alice),
    });
    actAs(stranger);
    expect(
      await shareVmAction({ vmId: vm.id, person: "mallory2@x.example", role: "operator" }),
    ).toMatchObject({
      ok: false,
      status: 404,
    });
    expect(await revokeShareAction({ vmId: vm.id, shareId: share.id })).toMatchObject({
      ok: false,
      status: 404,
    });
    await expect(listVmShares({ person: personOf(stranger), vmId: vm.id })).rejects.toMatchObject({
      kind: "not-found",
    });
    await expect(listVmShares({ person: personOf(dora), vmId: vm.id })).rejects.toMatchObject({
      kind: "forbidden",
    });
    await expect(
      revokeShare({ person: personOf(dora), vmId: vm.id, shareId: share.id, actor: actor(dora) }),
    ).rejects.toMatchObject({ kind: "forbidden" });
    await authorizeVm(personOf(dora), vm.id, "view");

    // The VM page's Sharing card: the owner's, with the shares; nothing for the viewer.
    const card = await SharingCard({ vmId: vm.id, person: personOf(alice) });
    expect(card?.props).toMatchObject({
      vmId: vm.id,
      shares: [{ id: share.id, label: "dora", role: "viewer", status: "live", through: null }],
    });
    expect(await SharingCard({ vmId: vm.id, person: personOf(dora) })).toBeNull();
  });
});

describe("the /api/v1 sharing routes", () => {
  it("list, create, update and revoke shares for the owner, and answer 404 to a stranger", async () => {
    const vm = await aliceVm("api-shared");
    const aliceManage = (await createTestApiToken(alice.id, ["manage"])).token;
    const aliceRead = (await createTestApiToken(alice.id, ["read"])).token;
    const strangerManage = (await createTestApiToken(stranger.id, ["manage"])).token;
    const base = `/vms/${vm.id}/shares`;

    const created = await callApiJson(aliceManage, "POST", base, {
      body: { person: "bob", role: "viewer", until: "2099-06-30" },
    });
    expect(created).toMatchObject({
      status: 201,
      body: { role: "viewer", status: "live", userId: bob.id, expiresAt: "2099-07-01T00:00:00.000Z" },
    });
    const updated = await callApiJson(aliceManage, "POST", base, {
      body: { person: "bob", role: "operator" },
    });
    expect(updated).toMatchObject({
      status: 200,
      body: { id: created.body.id, role: "operator", expiresAt: null },
    });
    expect(
      await callApiJson(aliceManage, "POST", base, { body: { person: "bob", role: "owner" } }),
    ).toMatchObject({
      status: 400,
    });
    expect(
      await callApiJson(aliceManage, "POST", base, {
        body: { person: "bob", role: "viewer", until: "2001-01-01" },
      }),
    ).toMatchObject({ status: 400, body: { detail: expect.stringContaining("in the future") } });
    expect(
      await callApiJson(aliceRead, "POST", base, { body: { person: "dora", role: "viewer" } }),
    ).toMatchObject({
      status: 403,
    });

    const listed = await callApiJson<{ items: { id: string; role: string }[] }>(aliceRead, "GET", base);
    expect(listed.status).toBe(200);
    expect(listed.body.items).toEqual([expect.objectContaining({ id: created.body.id, role: "operator" })]);

    expect((await callApiJson(strangerManage, "GET", base)).status).toBe(404);
    expect(
      (await callApiJson(strangerManage, "POST", base, { body: { person: "bob", role: "viewer" } })).status,
    ).toBe(404);
    expect((await callApiJson(strangerManage, "DELETE", `${base}/${created.body.id}`)).status).toBe(404);

    const [viaApi] = await listAuditEvents({ action: "vm.share", targetId: vm.id });
    expect(viaApi?.detail).toMatchObject({ via: "api", change: "updated" });
    const revoked = await callApiJson(aliceManage, "DELETE", `${base}/${created.body.id}`);
    const again = await callApiJson(aliceManage, "DELETE", `${base}/${created.body.id}`);
    expect([revoked.status, again.status]).toEqual([204, 404]);
    const answers = [
      ["POST", "/vms/{vmId}/shares", created],
      ["POST", "/vms/{vmId}/shares", updated],
      ["GET", "/vms/{vmId}/shares", listed],
      ["DELETE", "/vms/{vmId}/shares/{shareId}", revoked],
      ["DELETE", "/vms/{vmId}/shares/{shareId}", again],
    ] as const;
    for (const [method, path, answer] of answers) expect(undocumentedAnswer(method, path, answer)).toBeNull();
    await expect(authorizeVm(personOf(bob), vm.id, "view")).rejects.toMatchObject({ kind: "not-found" });
  });
});
