import { describe, expect, it } from "vitest";
import { saveClassSettingsAction } from "@/app/(portal)/cohorts/actions";
import { getDb } from "@/db/client";
import { listAuditEvents } from "@/db/queries/audit";
import { getCohortById } from "@/db/queries/cohorts";
import { getPowerSchedule } from "@/db/queries/power-schedules";
import { cohorts } from "@/db/schema";
import { approveDebianTemplate } from "../helpers/fixtures";
import { actAs, createUserWithSession } from "../helpers/session";
import { setUpClusterTestbed } from "../helpers/testbed";

setUpClusterTestbed();

const idleStop = { enabled: true, minutes: 20, cpuPercent: 3, networkKibps: 8 };
const weekdayMornings = { days: [1, 2, 3, 4, 5], start: "09:00", end: "12:00" };

describe("a made class's times and idle stop", () => {
  it("are changed by its teacher and admins only, in the class's zone, with reasons, and removed by none", async () => {
    const teacher = await createUserWithSession("teacher", "member");
    const student = await createUserWithSession("student", "member");
    const auditor = await createUserWithSession("audrey", "auditor");
    const template = await approveDebianTemplate();
    const [cohort] = await getDb()
      .insert(cohorts)
      .values({
        name: "Networks 101",
        slug: "net101",
        teacherId: teacher.id,
        templateId: template.id,
        cores: 1,
        memoryMb: 1024,
        diskGb: 8,
        timeZone: "Europe/Vienna",
        endsAt: new Date(Date.now() + 30 * 86_400_000),
      })
      .returning();
    const cohortId = cohort!.id;
    const save = (settings: Record<string, unknown>) =>
      saveClassSettingsAction({ cohortId, ...settings } as Parameters<typeof saveClassSettingsAction>[0]);
    const valid = { schedule: { slots: [weekdayMornings], allowOutside: false }, idleStop };

    actAs(student);
    expect(await save(valid)).toMatchObject({ ok: false, status: 404 });
    actAs(auditor);
    expect(await save(valid)).toMatchObject({ ok: false, status: 403 });
    actAs(teacher);
    expect(
      await save({
        ...valid,
        schedule: { slots: [{ ...weekdayMornings, end: "08:00" }], allowOutside: false },
      }),
    ).toMatchObject({ ok: false, status: 400 });
    expect(await getPowerSchedule({ target: { cohortId } })).toBeNull();

    expect(await save(valid)).toMatchObject({ ok: true });
    expect(await getPowerSchedule({ target: { cohortId } })).toMatchObject({
      timeZone: "Europe/Vienna",
      slots: [weekdayMornings],
      allowOutside: false,
    });
    expect(await getCohortById({ id: cohortId })).toMatchObject({ idleStop });

    // No class times and the project's or portal's idle stop: the schedule goes, the class follows.
    expect(await save({ schedule: { slots: [], allowOutside: true }, idleStop: null })).toMatchObject({
      ok: true,
    });
    expect(await getPowerSchedule({ target: { cohortId } })).toBeNull();
    expect(await getCohortById({ id: cohortId })).toMatchObject({ idleStop: null });
    const audited = await listAuditEvents({ action: "cohort.settings" });
    expect(audited.map((event) => event.result)).toEqual(["success", "success"]);
  });
});
