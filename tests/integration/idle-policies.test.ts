import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProjectAction, updateProjectAction } from "@/app/(portal)/admin/projects/actions";
import { saveClassSettingsAction } from "@/app/(portal)/admin/settings/actions";
import { listAuditEvents } from "@/db/queries/audit";
import { getProjectById } from "@/db/queries/projects";
import { getSetting } from "@/lib/settings/settings";
import { createTestDatabase, type TestDatabase } from "../helpers/database";
import { actAs, createUserWithSession } from "../helpers/session";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

const quota = { vms: 5, cores: 16, memoryMb: 32_768, diskGb: 500, snapshots: 20, backups: 20, backupGb: 200 };
const policy = { enabled: true, minutes: 20, cpuPercent: 3, networkKibps: 8 };

describe("idle stop set by admins", () => {
  it("saves the portal's idle stop and the clones per storage, for admins only, with reasons", async () => {
    const admin = await createUserWithSession("admin", "admin");
    const audrey = await createUserWithSession("audrey", "auditor");
    expect(await getSetting("idle.stop")).toMatchObject({ enabled: false });

    actAs(audrey);
    expect(await saveClassSettingsAction({ idleStop: policy, concurrency: 6 })).toMatchObject({
      ok: false,
      status: 403,
    });
    actAs(admin);
    expect(
      await saveClassSettingsAction({ idleStop: { ...policy, minutes: 2 }, concurrency: 0 }),
    ).toMatchObject({
      ok: false,
      status: 400,
      fieldErrors: {
        idleStop: ["Wait at least 5 minutes."],
        concurrency: [expect.stringMatching(/>=1|at least 1|1/)],
      },
    });
    expect(await getSetting("idle.stop")).toMatchObject({ enabled: false });
    expect(await saveClassSettingsAction({ idleStop: policy, concurrency: 6 })).toEqual({
      ok: true,
      data: { idleStop: policy, concurrency: 6 },
    });
    expect(await getSetting("idle.stop")).toEqual(policy);
    expect(await getSetting("cohorts.concurrency")).toBe(6);
    const [event] = await listAuditEvents({ action: "settings.classes.save" });
    expect(event).toMatchObject({ result: "success", detail: { idleStop: policy, concurrency: 6 } });
  });

  it("gives a project its own idle stop, off, or the portal's", async () => {
    const admin = await createUserWithSession("admin2", "admin");
    actAs(admin);
    const created = await createProjectAction({ name: "Robotics lab", quota });
    expect(created.ok).toBe(true);
    const id = (created as { data: { id: string } }).data.id;
    expect(await getProjectById({ id })).toMatchObject({ idleStop: null });

    const save = (idleStop: typeof policy | null) =>
      updateProjectAction({ projectId: id, name: "Robotics lab", quota, idleStop });
    expect(await save({ ...policy, enabled: false })).toMatchObject({ ok: true });
    expect(await getProjectById({ id })).toMatchObject({ idleStop: { ...policy, enabled: false } });
    expect(await save({ ...policy, cpuPercent: 200 })).toMatchObject({
      ok: false,
      status: 400,
      fieldErrors: { idleStop: ["Give the CPU threshold between 0.1 and 100%."] },
    });
    expect(await save(null)).toMatchObject({ ok: true });
    expect(await getProjectById({ id })).toMatchObject({ idleStop: null });
  });
});
