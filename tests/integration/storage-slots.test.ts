import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { releaseSlot, renewSlot, takeFreeSlot } from "@/db/queries/storage-slots";
import { storageCloneSlots } from "@/db/schema";
import { takeStorageSlot } from "@/lib/cohorts/storage-slots";
import { createTestDatabase, type TestDatabase } from "../helpers/database";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

const driver = process.env.DATABASE_URL ? "PostgreSQL" : "PGlite";
const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);

/** Settles what is settled now; `pending` for a promise still waiting. */
const stateOf = <T>(promise: Promise<T>) =>
  Promise.race([
    promise.then(() => "settled"),
    new Promise((resolve) => setImmediate(() => resolve("pending"))),
  ]);

describe(`clone slots of a storage (${driver})`, () => {
  it("lets `limit` clones hold one at a time in this process, and the next goes when one is given back", async () => {
    const first = await takeStorageSlot("c/pve1/local-lvm", 2);
    const second = await takeStorageSlot("c/pve1/local-lvm", 2);
    const third = takeStorageSlot("c/pve1/local-lvm", 2);
    // Another storage is not held up by this one.
    const elsewhere = await takeStorageSlot("c/pve2/local-lvm", 2);
    expect(await stateOf(third)).toBe("pending");
    await first();
    await first();
    const thirdRelease = await third;
    expect((await database.db.select().from(storageCloneSlots)).map((row) => row.slot).sort()).toEqual([
      0, 0, 1,
    ]);
    await Promise.all([second(), thirdRelease(), elsewhere()]);
    expect(await database.db.select().from(storageCloneSlots)).toEqual([]);
  });

  it("counts the slots other processes hold, and takes over one whose holder stopped renewing it", async () => {
    await database.db.insert(storageCloneSlots).values([
      { storageKey: "c//ceph", slot: 0, token: "other-a", renewedAt: new Date() },
      { storageKey: "c//ceph", slot: 1, token: "other-b", renewedAt: new Date() },
    ]);
    const waiting = takeStorageSlot("c//ceph", 2);
    expect(await stateOf(waiting)).toBe("pending");
    // The other process renews one and dies holding the other: its slot goes stale.
    expect(await renewSlot({ storageKey: "c//ceph", slot: 0, token: "other-a", now: new Date() })).toBe(true);
    await database.db
      .update(storageCloneSlots)
      .set({ renewedAt: minutesAgo(3) })
      .where(eq(storageCloneSlots.token, "other-b"));
    const release = await waiting;
    const rows = await database.db.select().from(storageCloneSlots);
    expect(rows.find((row) => row.slot === 1)?.token).not.toBe("other-b");
    // The dead holder's late renewal and release touch nothing of the new holder's.
    expect(await renewSlot({ storageKey: "c//ceph", slot: 1, token: "other-b", now: new Date() })).toBe(
      false,
    );
    await releaseSlot({ storageKey: "c//ceph", slot: 1, token: "other-b" });
    expect(await database.db.select().from(storageCloneSlots)).toHaveLength(2);
    await release();
    await releaseSlot({ storageKey: "c//ceph", slot: 0, token: "other-a" });
    expect(await database.db.select().from(storageCloneSlots)).toEqual([]);
  });

  it("gives a slot to one of two takers at the same moment", async () => {
    const now = new Date();
    const take = (token: string) =>
      takeFreeSlot({ storageKey: "c//nfs", limit: 1, token, now, staleBefore: minutesAgo(2) });
    const answers = await Promise.all([take("x"), take("y"), take("z")]);
    expect(answers.filter((slot) => slot === 0)).toHaveLength(1);
    expect(answers.filter((slot) => slot === null)).toHaveLength(2);
  });
});
