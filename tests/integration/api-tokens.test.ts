import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { saveApiTokenSettingsAction, saveGeneralSettingsAction } from "@/app/(portal)/admin/settings/actions";
import { createApiTokenAction, revokeApiTokenAction } from "@/app/(portal)/profile/actions";
import { listApiTokens } from "@/db/queries/api-tokens";
import { listAuditEvents } from "@/db/queries/audit";
import { recordSignIn, setUserDisabled } from "@/db/queries/users";
import { apiTokens } from "@/db/schema";
import { authenticateToken } from "@/lib/api-tokens/authenticate-token";
import type { TokenInput } from "@/lib/api-tokens/token-input";
import { isDomainError } from "@/lib/errors";
import { watchLogLines } from "@/lib/log";
import { getSetting } from "@/lib/settings/settings";
import { setUserDisabledBy } from "@/lib/users/disable-user";
import { createTestDatabase, type TestDatabase } from "../helpers/database";
import { leakedSecrets } from "../helpers/log-secrets";
import { actAs, createUserWithSession, type TestUser } from "../helpers/session";

type SessionUser = TestUser & { token: string };

let database: TestDatabase;
let alice: SessionUser;
let bob: SessionUser;
let admin: SessionUser;
let audrey: SessionUser;
const minted: string[] = [];
const logLines: string[] = [];
let stopWatching: () => void;

beforeAll(async () => {
  database = await createTestDatabase();
  alice = await createUserWithSession("alice", "member");
  bob = await createUserWithSession("bob", "member");
  admin = await createUserWithSession("admin", "admin");
  audrey = await createUserWithSession("audrey", "auditor");
  stopWatching = watchLogLines((line) => logLines.push(line));
});
afterEach(() => {
  vi.useRealTimers();
});
afterAll(async () => {
  stopWatching();
  await database.drop();
});

async function mint(user: SessionUser, input: Partial<TokenInput> = {}) {
  actAs(user);
  const result = await createApiTokenAction({ name: "ci", scope: "manage", ...input });
  if (!result.ok) throw new Error(`minting failed: ${result.error}`);
  minted.push(result.data.token);
  return result.data;
}

/** The refusal `authenticateToken` answers with, or null when it accepts the header. */
async function refusal(authorization: string | null): Promise<{ kind: string; message: string } | null> {
  try {
    await authenticateToken(authorization, "203.0.113.9");
    return null;
  } catch (error) {
    if (!isDomainError(error)) throw error;
    return { kind: error.kind, message: error.message };
  }
}

const days = (count: number) => count * 86_400_000;

describe("personal API tokens", () => {
  it("are shown once: the action answers with the token, the list never carries it", async () => {
    const created = await mint(alice, { name: "laptop script" });
    expect(created.token).toMatch(/^roost_[A-Za-z0-9_-]{43}$/);
    const listed = await listApiTokens({ userId: alice.id });
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ id: created.id, name: "laptop script", scopes: ["manage"] });
    expect(listed[0]!.prefix).toBe(created.token.slice(0, 12));
    expect(listed[0]).not.toHaveProperty("secretHash");
    expect(JSON.stringify(listed)).not.toContain(created.token.slice(12));
  });

  it("are kept as the SHA-256 of the whole token, never the token itself", async () => {
    const created = await mint(bob);
    const [row] = await database.db.select().from(apiTokens).where(eq(apiTokens.id, created.id));
    expect(row!.secretHash).toBe(createHash("sha256").update(created.token).digest("hex"));
    expect(JSON.stringify(row)).not.toContain(created.token.slice(12));
  });

  it("authenticate as their owner with their scopes, recording the last use at most once a minute", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-12-01T10:00:00Z") });
    const created = await mint(alice, { scope: "operate" });
    const caller = await authenticateToken(`Bearer ${created.token}`, "203.0.113.9");
    expect(caller).toEqual({
      tokenId: created.id,
      user: { id: alice.id, name: "alice", email: "alice@test.invalid", username: "alice", role: "member" },
      scopes: ["operate"],
    });
    const lastUse = async () =>
      (await listApiTokens({ userId: alice.id })).find((token) => token.id === created.id)!;
    expect(await lastUse()).toMatchObject({
      lastUsedAt: new Date("2026-12-01T10:00:00Z"),
      lastUsedFrom: "203.0.113.9",
    });
    vi.setSystemTime(new Date("2026-12-01T10:00:30Z"));
    await authenticateToken(`bearer ${created.token}`, "198.51.100.20");
    expect((await lastUse()).lastUsedFrom).toBe("203.0.113.9");
    vi.setSystemTime(new Date("2026-12-01T10:01:30Z"));
    await authenticateToken(`Bearer ${created.token}`, "198.51.100.20");
    expect(await lastUse()).toMatchObject({
      lastUsedAt: new Date("2026-12-01T10:01:30Z"),
      lastUsedFrom: "198.51.100.20",
    });
  });

  it("expire after 90 days unless asked otherwise, and an expired token is refused on the next call", async () => {
    const start = new Date("2026-12-01T12:00:00Z");
    vi.useFakeTimers({ toFake: ["Date"], now: start });
    const created = await mint(alice);
    const short = await mint(alice, { expiresInDays: 7 });
    const listed = await listApiTokens({ userId: alice.id });
    expect(listed.find((token) => token.id === created.id)!.expiresAt).toEqual(
      new Date(start.getTime() + days(90)),
    );
    expect(listed.find((token) => token.id === short.id)!.expiresAt).toEqual(
      new Date(start.getTime() + days(7)),
    );

    vi.setSystemTime(start.getTime() + days(7) - 60_000);
    expect(await refusal(`Bearer ${short.token}`)).toBeNull();
    vi.setSystemTime(start.getTime() + days(7));
    expect(await refusal(`Bearer ${short.token}`)).toEqual({
      kind: "unauthenticated",
      message: "This token expired on 2026-12-08 12:00 UTC.",
    });
    expect(await refusal(`Bearer ${created.token}`)).toBeNull();
    vi.setSystemTime(start.getTime() + days(90) + 1);
    expect(await refusal(`Bearer ${created.token}`)).toMatchObject({ message: /expired/ });
  });

  it("refuse a lifetime beyond the admin's cap at its field, and follow the cap when it changes", async () => {
    actAs(alice);
    expect(await createApiTokenAction({ name: "ci", scope: "read", expiresInDays: 366 })).toMatchObject({
      ok: false,
      status: 400,
      fieldErrors: { expiresInDays: ["Tokens live at most 365 days here."] },
    });
    expect(await createApiTokenAction({ name: "ci", scope: "read", expiresInDays: 0 })).toMatchObject({
      ok: false,
      status: 400,
      fieldErrors: { expiresInDays: ["A token lives at least 1 day."] },
    });

    actAs(audrey);
    expect(await saveApiTokenSettingsAction({ maxDays: 30, defaultDays: 7 })).toMatchObject({
      ok: false,
      status: 403,
    });
    actAs(admin);
    expect(await saveApiTokenSettingsAction({ maxDays: 30, defaultDays: 31 })).toMatchObject({
      ok: false,
      status: 400,
      fieldErrors: { defaultDays: ["The default lifetime cannot be beyond the longest one."] },
    });
    expect(await saveApiTokenSettingsAction({ maxDays: 30, defaultDays: 7 })).toEqual({
      ok: true,
      data: { maxDays: 30, defaultDays: 7 },
    });

    actAs(alice);
    expect(await createApiTokenAction({ name: "ci", scope: "read", expiresInDays: 31 })).toMatchObject({
      ok: false,
      fieldErrors: { expiresInDays: ["Tokens live at most 30 days here."] },
    });
    vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-12-01T12:00:00Z") });
    const created = await mint(alice, { scope: "read" });
    const [row] = await database.db.select().from(apiTokens).where(eq(apiTokens.id, created.id));
    expect(row!.expiresAt).toEqual(new Date("2026-12-08T12:00:00Z"));
    vi.useRealTimers();

    actAs(admin);
    await saveApiTokenSettingsAction({ maxDays: 365, defaultDays: 90 });
  });

  it("stop working on the next call once revoked; only their owner can revoke them", async () => {
    const created = await mint(bob);
    expect(await refusal(`Bearer ${created.token}`)).toBeNull();

    actAs(alice);
    expect(await revokeApiTokenAction({ id: created.id })).toMatchObject({ ok: false, status: 404 });
    actAs(null);
    expect(await revokeApiTokenAction({ id: created.id })).toMatchObject({ ok: false, status: 404 });
    actAs(bob);
    expect(await revokeApiTokenAction({ id: created.id })).toEqual({ ok: true, data: { id: created.id } });
    expect(await refusal(`Bearer ${created.token}`)).toMatchObject({
      kind: "unauthenticated",
      message: expect.stringMatching(/^This token was revoked on \d{4}-\d\d-\d\d \d\d:\d\d UTC\.$/),
    });
    expect(await revokeApiTokenAction({ id: created.id })).toMatchObject({
      ok: false,
      status: 409,
      error: "That token is revoked already.",
    });
    const listed = (await listApiTokens({ userId: bob.id })).find((token) => token.id === created.id);
    expect(listed!.revokedAt).toBeInstanceOf(Date);
  });

  it("stop working once their owner is disabled, and disabling revokes them for good", async () => {
    const carol = await createUserWithSession("carol", "member");
    const created = await mint(carol);
    expect(await refusal(`Bearer ${created.token}`)).toBeNull();

    // The check at each call, whatever path disabled the account.
    await setUserDisabled({ id: carol.id, disabled: true });
    expect(await refusal(`Bearer ${created.token}`)).toEqual({
      kind: "unauthenticated",
      message: "The account this token belongs to is disabled.",
    });
    await setUserDisabled({ id: carol.id, disabled: false });
    expect(await refusal(`Bearer ${created.token}`)).toBeNull();

    await setUserDisabledBy({ id: admin.id, label: "admin" }, { userId: carol.id, disabled: true });
    expect(await refusal(`Bearer ${created.token}`)).toMatchObject({ kind: "unauthenticated" });
    const [listed] = await listApiTokens({ userId: carol.id });
    expect(listed!.revokedAt).toBeInstanceOf(Date);
    const revocations = await listAuditEvents({ action: "api_token.revoke", targetId: created.id });
    expect(revocations).toMatchObject([
      { actorId: admin.id, result: "success", detail: { ownerId: carol.id, reason: "user-disabled" } },
    ]);

    await setUserDisabledBy({ id: admin.id, label: "admin" }, { userId: carol.id, disabled: false });
    expect(await refusal(`Bearer ${created.token}`)).toMatchObject({ message: /revoked/ });
  });

  it("hold admin scopes only as far as their owner's role allows, checked again on every call", async () => {
    actAs(alice);
    expect(
      await createApiTokenAction({ name: "inventory", scope: "read", adminScope: "admin:read" }),
    ).toMatchObject({
      ok: false,
      status: 403,
      error: "Your role (member) cannot hold the admin:read scope.",
    });
    actAs(audrey);
    expect(
      await createApiTokenAction({ name: "inventory", scope: "read", adminScope: "admin:write" }),
    ).toMatchObject({ ok: false, status: 403 });
    const auditorToken = await mint(audrey, { scope: "read", adminScope: "admin:read" });
    expect((await authenticateToken(`Bearer ${auditorToken.token}`, null)).scopes).toEqual([
      "read",
      "admin:read",
    ]);

    const adminToken = await mint(admin, { scope: "manage", adminScope: "admin:write" });
    expect((await authenticateToken(`Bearer ${adminToken.token}`, null)).scopes).toEqual([
      "manage",
      "admin:write",
    ]);
    await recordSignIn({ id: admin.id, role: "auditor", groups: [], username: "admin" });
    expect(await authenticateToken(`Bearer ${adminToken.token}`, null)).toMatchObject({
      user: { role: "auditor" },
      scopes: ["manage"],
    });
    await recordSignIn({ id: audrey.id, role: "member", groups: [], username: "audrey" });
    expect((await authenticateToken(`Bearer ${auditorToken.token}`, null)).scopes).toEqual(["read"]);
    await recordSignIn({ id: admin.id, role: "admin", groups: [], username: "admin" });
    await recordSignIn({ id: audrey.id, role: "auditor", groups: [], username: "audrey" });
  });

  it("refuse a missing, malformed or unknown token with the reason", async () => {
    const unknown = `roost_${Buffer.alloc(32, 7).toString("base64url")}`;
    const cases: [string | null, string][] = [
      [null, "This API needs a token: send Authorization: Bearer roost_…."],
      ["  ", "This API needs a token: send Authorization: Bearer roost_…."],
      [`Basic ${Buffer.from("alice:pw").toString("base64")}`, "The Authorization header must read Bearer"],
      ["Bearer", "The Authorization header must read Bearer"],
      ["Bearer two words", "The Authorization header must read Bearer"],
      ["Bearer roost_short", "That is not a Roost API token"],
      [`Bearer ${unknown}x`, "That is not a Roost API token"],
      [`Bearer ghp_${"a".repeat(43)}`, "That is not a Roost API token"],
      [`Bearer ${unknown}`, "This token is not known to Roost."],
    ];
    for (const [header, reason] of cases) {
      expect(await refusal(header), String(header)).toEqual({
        kind: "unauthenticated",
        message: expect.stringContaining(reason),
      });
    }
  });

  it("never put a token's secret in the audit log or the logs", async () => {
    expect(minted.length).toBeGreaterThan(5);
    const creations = await listAuditEvents({ action: "api_token.create" });
    expect(creations.length).toBe(minted.length);
    expect(creations[0]!.detail).toMatchObject({ prefix: expect.stringMatching(/^roost_.{6}$/) });
    const audit = JSON.stringify(await listAuditEvents({ limit: 5000 }));
    const secrets = Object.fromEntries(minted.map((token, index) => [`token ${index}`, token.slice(12)]));
    expect(leakedSecrets(audit, secrets)).toEqual([]);
    expect(leakedSecrets(logLines.join("\n"), secrets)).toEqual([]);
  });
});

describe("the general settings", () => {
  const general = {
    portalName: "Roost",
    ignoredPools: [],
    console: { concurrentPerUser: 3 },
  };

  it("save the portal's default language, audited, and refuse one Roost does not speak", async () => {
    actAs(audrey);
    expect(await saveGeneralSettingsAction({ ...general, locale: "fr" })).toMatchObject({
      ok: false,
      status: 403,
    });
    actAs(admin);
    const refused = await saveGeneralSettingsAction({ ...general, locale: "xx" as "fr" });
    expect(refused).toMatchObject({ ok: false, status: 400, fieldErrors: { locale: [expect.any(String)] } });
    expect(await getSetting("portal.locale")).toBe("en");

    expect(await saveGeneralSettingsAction({ ...general, locale: "de" })).toEqual({
      ok: true,
      data: { portalName: "Roost", locale: "de" },
    });
    expect(await getSetting("portal.locale")).toBe("de");
    const [saved] = await listAuditEvents({ action: "settings.general.save" });
    expect(saved).toMatchObject({ actorId: admin.id, result: "success", detail: { locale: "de" } });

    await saveGeneralSettingsAction({ ...general, locale: "en" });
  });
});
