import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { listMail } from "@/db/queries/mail";
import { users } from "@/db/schema";
import { sweepLeases } from "@/lib/leases/lease-sweep";
import { settingDefinitions } from "@/lib/settings/registry";
import { setSetting } from "@/lib/settings/settings";
import { createTestDatabase, type TestDatabase } from "../helpers/database";
import { createTestCluster, createTestVm } from "../helpers/fixtures";
import { createUserWithSession } from "../helpers/session";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  await createTestCluster();
});
afterAll(async () => {
  await setSetting("portal.locale", settingDefinitions["portal.locale"].defaultValue, null);
  await database.drop();
});

const DAY = 24 * 60 * 60 * 1000;
let nextVmid = 5100;

/** A person whose profile and browser say what the test needs. */
async function person(username: string, language: Partial<typeof users.$inferInsert>) {
  const user = await createUserWithSession(username, "member");
  await getDb().update(users).set(language).where(eq(users.id, user.id));
  return user;
}

/** The sweep's clock: 23:30 UTC tomorrow, so a lease ending five days on ends the next day east of Greenwich. */
function lateEvening() {
  const now = new Date(Date.now() + DAY);
  now.setUTCHours(23, 30, 0, 0);
  return now;
}

/** A VM of `ownerId` whose lease ends five days from `now`, when its 7-day reminder is due. */
async function leaseEndingLate(ownerId: string, now: Date) {
  const expiresAt = new Date(now.getTime() + 5 * DAY);
  await createTestVm({
    ownerId,
    name: `vm-${nextVmid}`,
    vmid: nextVmid++,
    node: "pve1",
    leaseExpiresAt: expiresAt,
  });
  return expiresAt;
}

const reminderOf = async (userId: string) => {
  const [mail] = (await listMail({ userId })).filter((mail) => mail.kind === "lease-reminder");
  expect(mail).toBeDefined();
  return mail!;
};
const longDay = (locale: string, timeZone: string, date: Date) =>
  new Intl.DateTimeFormat(locale, { dateStyle: "full", timeZone }).format(date);

describe("mail in the reader's language and time zone", () => {
  it("follows the profile, else the browser, else the portal's language", async () => {
    const now = lateEvening();
    const chose = await person("chloe", { locale: "fr", timeZone: "Pacific/Auckland", browserLocale: "de" });
    const browsed = await person("dieter", { browserLocale: "de", browserTimeZone: "America/Los_Angeles" });
    const neither = await person("nora", { locale: null, browserLocale: null });
    const choseEnds = await leaseEndingLate(chose.id, now);
    const browsedEnds = await leaseEndingLate(browsed.id, now);
    const neitherEnds = await leaseEndingLate(neither.id, now);
    await sweepLeases({ now });

    const french = await reminderOf(chose.id);
    const aucklandDay = longDay("fr", "Pacific/Auckland", choseEnds);
    expect(aucklandDay).not.toBe(longDay("fr", "UTC", choseEnds));
    expect(french.subject).toMatch(/^vm-\d+ expire dans 5 jours$/);
    expect(french.text).toContain(`Son bail prend fin le ${aucklandDay}.`);
    expect(french.text).toContain("Renouveler le bail");
    expect(french.html).toContain('lang="fr"');

    const german = await reminderOf(browsed.id);
    expect(german.subject).toMatch(/^vm-\d+ läuft in 5 Tagen ab$/);
    expect(german.text).toContain(
      `Ihre Laufzeit endet am ${longDay("de", "America/Los_Angeles", browsedEnds)}.`,
    );
    expect(german.html).toContain('lang="de"');

    const english = await reminderOf(neither.id);
    expect(english.subject).toMatch(/^vm-\d+ expires in 5 days$/);
    expect(english.text).toContain(`Its lease ends on ${longDay("en", "UTC", neitherEnds)}.`);
    expect(english.html).toContain('lang="en"');
  });

  it("uses the portal's language for someone who never chose one nor signed in with a browser", async () => {
    const now = lateEvening();
    const nobody = await person("otto", { locale: null, browserLocale: null });
    await setSetting("portal.locale", "de", null);
    try {
      const endsAt = await leaseEndingLate(nobody.id, now);
      await sweepLeases({ now });
      const mail = await reminderOf(nobody.id);
      expect(mail.subject).toMatch(/^vm-\d+ läuft in 5 Tagen ab$/);
      expect(mail.text).toContain(`Ihre Laufzeit endet am ${longDay("de", "UTC", endsAt)}.`);
      expect(mail.text).toContain("Sie erhalten diese Nachricht, weil Ihnen diese VM gehört");
    } finally {
      await setSetting("portal.locale", settingDefinitions["portal.locale"].defaultValue, null);
    }
  });
});
