import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { addSshKeyAction } from "@/app/(portal)/profile/actions";
import { getDb } from "@/db/client";
import { listAuditEvents } from "@/db/queries/audit";
import { insertIsos } from "@/db/queries/isos";
import { listMail } from "@/db/queries/mail";
import { insertNetworks } from "@/db/queries/networks";
import { listSshKeys } from "@/db/queries/ssh-keys";
import { templates } from "@/db/schema";
import { redeemConsoleTicket } from "@/lib/console/console-tickets";
import { queueMail } from "@/lib/mail/send-mail";
import { getQuotaStatus } from "@/lib/quotas/effective-quota";
import { quotaMeters } from "@/lib/quotas/quota";
import { userAccount } from "@/lib/quotas/quota-account";
import { sshKeys } from "../fixtures/ssh-keys";
import { callApiJson, createTestApiToken } from "../helpers/api";
import { undocumentedAnswer } from "../helpers/api-schema";
import { approveDebianTemplate, createTestVm } from "../helpers/fixtures";
import { cloneMemberVm } from "../helpers/pve-sim";
import { actAs, createUserWithSession, type TestUser } from "../helpers/session";
import { giveQuota, setUpClusterTestbed } from "../helpers/testbed";

const cluster = setUpClusterTestbed({ sim: { consoleBackend: "builtin", agentDelaySeconds: 0 } });

type Page<T> = { items: T[]; nextCursor: string | null };

let alice: TestUser;
let bob: TestUser;
let aliceRead: string;
let aliceOperate: string;
let aliceManage: string;
let bobManage: string;

beforeAll(async () => {
  alice = await createUserWithSession("alice", "member");
  bob = await createUserWithSession("bob", "member");
  aliceRead = (await createTestApiToken(alice.id, ["read"], { name: "laptop" })).token;
  aliceOperate = (await createTestApiToken(alice.id, ["operate"])).token;
  aliceManage = (await createTestApiToken(alice.id, ["manage"])).token;
  bobManage = (await createTestApiToken(bob.id, ["manage"])).token;
});

/** Every item of a list, following its cursors `limit` at a time. */
async function readAllPages<T>(token: string, path: string, limit: number): Promise<T[][]> {
  const pages: T[][] = [];
  let cursor: string | null = null;
  do {
    const separator = path.includes("?") ? "&" : "?";
    const next: string = `${path}${separator}limit=${limit}${cursor ? `&cursor=${cursor}` : ""}`;
    const { status, body } = await callApiJson<Page<T>>(token, "GET", next);
    expect(status).toBe(200);
    pages.push(body.items);
    cursor = body.nextCursor;
  } while (cursor);
  return pages;
}

describe("GET /me", () => {
  it("names the token's owner, the token, its scopes and its expiry", async () => {
    const expiresAt = new Date(Date.now() + 7 * 86_400_000);
    const { token, id } = await createTestApiToken(alice.id, ["operate"], { name: "ci", expiresAt });
    const { status, body } = await callApiJson(token, "GET", "/me");
    expect(status).toBe(200);
    expect(body).toEqual({
      user: { id: alice.id, name: "alice", username: "alice", email: "alice@test.invalid", role: "member" },
      token: {
        id,
        name: "ci",
        prefix: token.slice(0, 12),
        scopes: ["operate"],
        createdAt: expect.any(String),
        expiresAt: expiresAt.toISOString(),
      },
    });
    const forever = await callApiJson<{ token: { name: string; expiresAt: null } }>(aliceRead, "GET", "/me");
    expect(forever.body.token).toMatchObject({ name: "laptop", expiresAt: null });
  });
});

describe("SSH keys", () => {
  it("are added with a manage token, audited as made through the API, and listed as the profile lists them", async () => {
    const added = await callApiJson<{ id: string; label: string; fingerprint: string; type: string }>(
      aliceManage,
      "POST",
      "/ssh-keys",
      { body: { publicKey: sshKeys.ed25519.line } },
    );
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({
      label: "alice@laptop",
      type: "ssh-ed25519",
      fingerprint: sshKeys.ed25519.fingerprint,
    });
    await callApiJson(aliceManage, "POST", "/ssh-keys", {
      body: { publicKey: sshKeys.rsa3072.line, label: "desk" },
    });

    const [event] = await listAuditEvents({ action: "ssh-key.add", targetId: added.body.id });
    expect(event).toMatchObject({
      actorId: alice.id,
      result: "success",
      detail: { fingerprint: sshKeys.ed25519.fingerprint, via: "api", tokenId: expect.any(String) },
    });

    const pages = await readAllPages<{ id: string; label: string }>(aliceRead, "/ssh-keys", 1);
    expect(pages.map((page) => page.length)).toEqual([1, 1]);
    const onProfile = await listSshKeys({ userId: alice.id });
    expect(pages.flat().map((key) => key.id)).toEqual(onProfile.map((key) => key.id));
  });

  it("refuse a read token's writes, a key twice, and a key that is not one, each with its reason", async () => {
    const readOnly = await callApiJson(aliceRead, "POST", "/ssh-keys", {
      body: { publicKey: sshKeys.ecdsa384.line },
    });
    expect(readOnly).toMatchObject({ status: 403, body: { detail: expect.stringContaining('"manage"') } });
    const twice = await callApiJson(aliceManage, "POST", "/ssh-keys", {
      body: { publicKey: sshKeys.ed25519.line },
    });
    expect(twice).toMatchObject({ status: 409, body: { detail: "You have already added this key." } });
    const privateKey = await callApiJson(aliceManage, "POST", "/ssh-keys", {
      body: { publicKey: "-----BEGIN OPENSSH PRIVATE KEY----- abc" },
    });
    expect(privateKey).toMatchObject({
      status: 400,
      body: { errors: { publicKey: [expect.stringContaining("private key")] } },
    });
    const empty = await callApiJson(aliceManage, "POST", "/ssh-keys", { body: { label: "x" } });
    expect(empty).toMatchObject({ status: 400, body: { errors: { publicKey: [expect.any(String)] } } });
  });

  it("answer as the profile page's actions do, for the same person and the same key", async () => {
    const fay = await createUserWithSession("fay", "member");
    const token = (await createTestApiToken(fay.id, ["manage"])).token;
    actAs(fay);
    expect(await addSshKeyAction({ publicKey: sshKeys.rsa3072.line })).toMatchObject({ ok: true });
    const uiTwice = await addSshKeyAction({ publicKey: sshKeys.rsa3072.line });
    const apiTwice = await callApiJson(token, "POST", "/ssh-keys", {
      body: { publicKey: sshKeys.rsa3072.line },
    });
    expect(uiTwice).toMatchObject({ ok: false, status: apiTwice.status, error: apiTwice.body.detail });
    const damaged = { publicKey: "ssh-ed25519 AAAA!!" };
    const uiDamaged = await addSshKeyAction(damaged);
    const apiDamaged = await callApiJson(token, "POST", "/ssh-keys", { body: damaged });
    expect(uiDamaged).toMatchObject({ ok: false, status: 400 });
    expect(apiDamaged.status).toBe(400);
    expect(apiDamaged.body.errors).toEqual((uiDamaged as { fieldErrors: unknown }).fieldErrors);
    actAs(null);
  });

  it("are added once under one Idempotency-Key, the retry getting the first answer", async () => {
    const gus = await createUserWithSession("gus", "member");
    const token = (await createTestApiToken(gus.id, ["manage"])).token;
    const send = () =>
      callApiJson(token, "POST", "/ssh-keys", {
        body: { publicKey: sshKeys.ed25519.line },
        headers: { "idempotency-key": "add-laptop-key" },
      });
    const first = await send();
    const retry = await send();
    expect(first.status).toBe(201);
    expect(retry).toMatchObject({ status: 201, body: first.body });
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    expect(await listSshKeys({ userId: gus.id })).toHaveLength(1);
  });

  it("of another member are not found: neither read nor removed", async () => {
    const bobs = await callApiJson<{ id: string }>(bobManage, "POST", "/ssh-keys", {
      body: { publicKey: sshKeys.ecdsa384.line },
    });
    expect(bobs.status).toBe(201);
    expect((await callApiJson(aliceRead, "GET", `/ssh-keys/${bobs.body.id}`)).status).toBe(404);
    expect((await callApiJson(aliceManage, "DELETE", `/ssh-keys/${bobs.body.id}`)).status).toBe(404);
    expect(await listSshKeys({ userId: bob.id })).toHaveLength(1);
    const aliceList = await callApiJson<Page<{ id: string }>>(aliceRead, "GET", "/ssh-keys");
    expect(aliceList.body.items.map((key) => key.id)).not.toContain(bobs.body.id);
    expect((await callApiJson(aliceRead, "GET", "/ssh-keys/not-a-uuid")).body).toMatchObject({
      status: 400,
      errors: { keyId: ["An SSH key id is a UUID."] },
    });
  });

  it("are removed by their owner, once", async () => {
    const [first] = await listSshKeys({ userId: alice.id });
    const removed = await callApiJson(aliceManage, "DELETE", `/ssh-keys/${first!.id}`);
    expect(removed.status).toBe(204);
    expect((await callApiJson(aliceManage, "DELETE", `/ssh-keys/${first!.id}`)).status).toBe(404);
    expect((await listSshKeys({ userId: alice.id })).map((key) => key.id)).not.toContain(first!.id);
    const [event] = await listAuditEvents({ action: "ssh-key.remove", targetId: first!.id });
    expect(event?.detail).toMatchObject({ via: "api" });
  });
});

describe("GET /quota", () => {
  it("gives each of the limits, what the member's VMs and backups hold and what is left, as the quota bars do", async () => {
    const carol = await createUserWithSession("carol", "member");
    await giveQuota(carol.id, { vms: 3, cores: 4, memoryMb: 4096, diskGb: 40, snapshots: 0 });
    await createTestVm({
      ownerId: carol.id,
      clusterId: "sim",
      name: "one",
      cores: 2,
      memoryMb: 2048,
      diskGb: 20,
    });
    await createTestVm({
      ownerId: carol.id,
      clusterId: "sim",
      name: "two",
      cores: 3,
      memoryMb: 1024,
      diskGb: 10,
    });
    await createTestVm({ ownerId: carol.id, clusterId: "sim", name: "broken", state: "failed", cores: 8 });
    const token = (await createTestApiToken(carol.id, ["read"])).token;

    const { status, body } = await callApiJson(token, "GET", "/quota");
    expect(status).toBe(200);
    expect(body).toEqual({
      source: "override",
      vms: { limit: 3, used: 2, left: 1, share: 2 / 3 },
      cores: { limit: 4, used: 5, left: 0, share: 1 },
      memoryMb: { limit: 4096, used: 3072, left: 1024, share: 0.75 },
      diskGb: { limit: 40, used: 30, left: 10, share: 0.75 },
      snapshots: { limit: 0, used: 0, left: 0, share: 1 },
      backups: { limit: 10, used: 0, left: 10, share: 0 },
      backupGb: { limit: 100, used: 0, left: 100, share: 0 },
    });
    const status2 = await getQuotaStatus(userAccount(carol.id));
    expect(body).toEqual({ source: status2.source, ...quotaMeters(status2.quota, status2.usage) });
  });
});

describe("mail", () => {
  it("lists only the messages written to the caller, newest first, a page at a time", async () => {
    const dora = await createUserWithSession("dora", "member");
    const message = (n: number) => ({
      subject: `Notice ${n}`,
      html: `<p>Notice ${n}</p>`,
      text: `Notice ${n}`,
    });
    for (const n of [1, 2, 3]) {
      await queueMail({
        dedupeKey: `dora-${n}`,
        to: "dora@test.invalid",
        userId: dora.id,
        kind: "notice",
        message: message(n),
      });
    }
    await queueMail({
      dedupeKey: "bob-1",
      to: "bob@test.invalid",
      userId: bob.id,
      kind: "notice",
      message: message(9),
    });
    const token = (await createTestApiToken(dora.id, ["read"])).token;

    const pages = await readAllPages<{ id: string; subject: string; status: string }>(token, "/mail", 2);
    expect(pages.map((page) => page.length)).toEqual([2, 1]);
    const all = pages.flat();
    expect(all.map((mail) => mail.id)).toEqual((await listMail({ userId: dora.id })).map((mail) => mail.id));
    expect(new Set(all.map((mail) => mail.subject))).toEqual(new Set(["Notice 1", "Notice 2", "Notice 3"]));
    expect(all[0]).toMatchObject({ status: "outbox" });
    expect(all[0]).not.toHaveProperty("html");

    const one = await callApiJson(token, "GET", `/mail/${all[2]!.id}`);
    expect(one).toMatchObject({
      status: 200,
      body: { id: all[2]!.id, html: expect.stringContaining("<p>"), text: expect.any(String) },
    });
    const [bobs] = await listMail({ userId: bob.id });
    expect(await callApiJson(token, "GET", `/mail/${bobs!.id}`)).toMatchObject({ status: 404 });
  });
});

describe("POST /vms/{vmId}/console", () => {
  let running: { id: string };

  beforeAll(async () => {
    await cloneMemberVm(cluster.client, { newid: 610, name: "shell" });
    await cluster.client.qemu.updateConfig("pve1", 610, { serial0: "socket" });
    await cluster.client.tasks.wait(await cluster.client.qemu.power("pve1", 610, "start"), {
      initialDelayMs: 20,
    });
    running = await createTestVm({
      ownerId: alice.id,
      clusterId: "sim",
      name: "shell",
      vmid: 610,
      node: "pve1",
    });
  });

  it("gives the VM's owner the console page's ticket and relay address, redeemable once", async () => {
    const { status, body, headers } = await callApiJson<{
      token: string;
      password: string;
      url: string;
      relayUrl: string;
    }>(aliceOperate, "POST", `/vms/${running.id}/console`, { body: { kind: "vnc" } });
    expect(status).toBe(201);
    expect(undocumentedAnswer("POST", "/vms/{vmId}/console", { status, body, headers })).toBeNull();
    expect(body.password).toHaveLength(8);
    expect(body.url).toBe(`${body.relayUrl}?token=${encodeURIComponent(body.token)}`);
    expect(JSON.stringify(body)).not.toContain(cluster.tokenSecret);
    expect(await redeemConsoleTicket(body.token)).toMatchObject({
      ok: true,
      ticket: { vmId: running.id, userId: alice.id, kind: "vnc", vmid: 610 },
    });
    expect(await redeemConsoleTicket(body.token)).toEqual({ ok: false, reason: "used" });

    const serial = await callApiJson<{ token: string; password: string }>(
      aliceOperate,
      "POST",
      `/vms/${running.id}/console`,
      {
        body: { kind: "serial" },
      },
    );
    expect(serial).toMatchObject({ status: 201, body: { kind: "serial", password: "" } });
    expect(await redeemConsoleTicket(serial.body.token)).toMatchObject({
      ok: true,
      ticket: { kind: "serial" },
    });
  });

  it("reaches another person's VM for an admin only with an admin:write token, as the admin's console does", async () => {
    const root = await createUserWithSession("root", "admin");
    const memberScoped = (await createTestApiToken(root.id, ["operate"])).token;
    const withAdmin = (await createTestApiToken(root.id, ["operate", "admin:write"])).token;
    expect((await callApiJson(memberScoped, "POST", `/vms/${running.id}/console`, { body: {} })).status).toBe(
      404,
    );
    const issued = await callApiJson<{ token: string }>(withAdmin, "POST", `/vms/${running.id}/console`, {
      body: {},
    });
    expect(issued.status).toBe(201);
    expect(await redeemConsoleTicket(issued.body.token)).toMatchObject({
      ok: true,
      ticket: { userId: root.id },
    });
  });

  it("is refused to a read token, to another member, for a stopped VM and for an unknown kind", async () => {
    expect((await callApiJson(aliceRead, "POST", `/vms/${running.id}/console`, { body: {} })).status).toBe(
      403,
    );
    expect(await callApiJson(bobManage, "POST", `/vms/${running.id}/console`, { body: {} })).toMatchObject({
      status: 404,
    });
    await cloneMemberVm(cluster.client, { newid: 611, name: "off" });
    const stopped = await createTestVm({
      ownerId: alice.id,
      clusterId: "sim",
      name: "off",
      vmid: 611,
      node: "pve1",
      state: "stopped",
    });
    expect(await callApiJson(aliceOperate, "POST", `/vms/${stopped.id}/console`, { body: {} })).toMatchObject(
      {
        status: 409,
        body: { detail: "The VM is not running; start it first." },
      },
    );
    expect(
      await callApiJson(aliceOperate, "POST", `/vms/${running.id}/console`, { body: { kind: "spice" } }),
    ).toMatchObject({ status: 400, body: { errors: { kind: [expect.stringContaining("vnc")] } } });
  });
});

describe("the catalog", () => {
  it("lists the templates, ISOs and networks a member may choose, and none an admin withdrew", async () => {
    const debian = await approveDebianTemplate();
    const [withdrawn] = await getDb()
      .insert(templates)
      .values({
        clusterId: "sim",
        node: "pve1",
        vmid: 9002,
        label: "Windows",
        os: "Windows",
        defaultUser: "admin",
        minDiskGb: 40,
        enabled: false,
      })
      .returning();
    const list = await callApiJson<Page<{ id: string; label: string; defaultUser: string }>>(
      aliceRead,
      "GET",
      "/templates",
    );
    expect(list.status).toBe(200);
    expect(list.body.items).toContainEqual({
      id: debian.id,
      label: "Debian 13",
      os: "Linux",
      defaultUser: "debian",
      minDiskGb: 3,
    });
    expect(list.body.items.map((template) => template.id)).not.toContain(withdrawn!.id);
    await getDb().update(templates).set({ enabled: false }).where(eq(templates.id, debian.id));
    const after = await callApiJson<Page<{ id: string }>>(aliceRead, "GET", "/templates");
    expect(after.body.items.map((template) => template.id)).not.toContain(debian.id);
  });

  it("pages through ISOs and networks by label", async () => {
    await insertIsos([{ clusterId: "sim", volid: "local:iso/debian-13.iso", label: "Debian installer" }]);
    await insertNetworks(
      ["lab", "dmz", "office"].map((label, vlan) => ({ clusterId: "sim", bridge: "vmbr0", vlan, label })),
    );
    const isos = await callApiJson<Page<{ label: string }>>(aliceRead, "GET", "/isos");
    expect(isos.body).toMatchObject({
      items: [{ id: expect.any(String), label: "Debian installer" }],
      nextCursor: null,
    });
    const pages = await readAllPages<{ label: string }>(aliceRead, "/networks", 2);
    expect(pages.map((page) => page.map((network) => network.label))).toEqual([["dmz", "lab"], ["office"]]);
  });
});

describe("the member routes' answers", () => {
  it("match the OpenAPI document, refusals included", async () => {
    const erin = await createUserWithSession("erin", "member");
    const token = (await createTestApiToken(erin.id, ["manage"])).token;
    await queueMail({
      dedupeKey: "erin-1",
      to: "erin@test.invalid",
      userId: erin.id,
      kind: "lease-reminder",
      message: { subject: "Your lease", html: "<p>Renew</p>", text: "Renew" },
    });
    const added = await callApiJson<{ id: string }>(token, "POST", "/ssh-keys", {
      body: { publicKey: sshKeys.ed25519.line },
    });
    const [mail] = await listMail({ userId: erin.id });
    const unknown = crypto.randomUUID();
    const calls: [Parameters<typeof callApiJson>[1], string, string, unknown?][] = [
      ["GET", "/me", "/me"],
      ["GET", "/quota", "/quota"],
      ["GET", "/ssh-keys", "/ssh-keys"],
      ["GET", "/ssh-keys/{keyId}", `/ssh-keys/${added.body.id}`],
      ["GET", "/ssh-keys/{keyId}", `/ssh-keys/${unknown}`],
      ["POST", "/ssh-keys", "/ssh-keys", { publicKey: sshKeys.ed25519.line }],
      ["POST", "/ssh-keys", "/ssh-keys", { publicKey: "ssh-dss AAAA" }],
      ["DELETE", "/ssh-keys/{keyId}", `/ssh-keys/${added.body.id}`],
      ["GET", "/mail", "/mail"],
      ["GET", "/mail/{mailId}", `/mail/${mail!.id}`],
      ["GET", "/mail/{mailId}", `/mail/${unknown}`],
      ["GET", "/templates", "/templates"],
      ["GET", "/isos", "/isos?limit=1"],
      ["GET", "/networks", "/networks?cursor=bad"],
      ["POST", "/vms/{vmId}/console", `/vms/${unknown}/console`, { kind: "serial" }],
    ];
    for (const [method, path, url, body] of calls) {
      const answer = await callApiJson(token, method, url, { body });
      expect(undocumentedAnswer(method, path, answer), `${method} ${url} → ${answer.status}`).toBeNull();
    }
  });
});
