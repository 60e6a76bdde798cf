import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { getUserById } from "@/db/queries/users";
import { users } from "@/db/schema";
import { noteBrowserLocale, requestLocale } from "@/lib/i18n/request-locale";
import { createTestDatabase, type TestDatabase } from "../helpers/database";
import { setRequestHeaders } from "../helpers/request";
import { actAs, createUserWithSession } from "../helpers/session";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  setRequestHeaders(null);
  actAs(null);
  await database.drop();
});

const browsing = (acceptLanguage: string) =>
  setRequestHeaders(new Headers({ "accept-language": acceptLanguage }));

describe("what a signed-in person's browser asks for", () => {
  it("is kept for their mail, changed when the browser changes, and never kept for a language Roost lacks", async () => {
    const bob = await createUserWithSession("bob", "member");
    actAs(bob);
    browsing("fr-CH, fr;q=0.9, en;q=0.5");
    await noteBrowserLocale();
    expect(await getUserById({ id: bob.id })).toMatchObject({ browserLocale: "fr" });
    expect(await requestLocale()).toEqual({ locale: "fr", timeZone: "UTC" });

    browsing("es-ES");
    await noteBrowserLocale();
    expect(await getUserById({ id: bob.id })).toMatchObject({ browserLocale: "fr" });

    browsing("de-AT");
    await noteBrowserLocale();
    expect(await getUserById({ id: bob.id })).toMatchObject({ browserLocale: "de" });
  });

  it("gives way to the profile's choice on pages", async () => {
    const ada = await createUserWithSession("ada", "member");
    await getDb().update(users).set({ locale: "de", timeZone: "Europe/Berlin" }).where(eq(users.id, ada.id));
    actAs(ada);
    browsing("fr");
    expect(await requestLocale()).toEqual({ locale: "de", timeZone: "Europe/Berlin" });
  });
});
