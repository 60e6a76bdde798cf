import { describe, expect, it } from "vitest";
import { backupItems, backupRoom, scheduleView } from "@/app/(portal)/vms/[vmId]/backups/backup-facts";
import type { BackupSchedule } from "@/db/schema";
import type { BackupView } from "@/lib/backups/backup-views";
import { formatterFor, translatorFor } from "@/lib/i18n/translator";

const words = { t: translatorFor("en"), format: formatterFor("en"), locale: "en" };

const backup = (over: Partial<BackupView>): BackupView => ({
  id: "b",
  vmId: "v",
  createdAt: new Date("2026-12-01T10:00:00Z"),
  finishedAt: null,
  state: "done",
  progress: 100,
  sizeBytes: 1536 * 1024 ** 2,
  note: "",
  mode: "snapshot",
  origin: "manual",
  protected: false,
  storageId: "pbs",
  error: null,
  fileRestore: true,
  ...over,
});

describe("the VM page's backups card", () => {
  it("lists kept backups newest first with their size and storage, leaving removed ones out", () => {
    const items = backupItems(
      {
        backups: [
          backup({ id: "old", createdAt: new Date("2026-11-30T08:05:00Z") }),
          backup({ id: "gone", state: "removed" }),
          backup({ id: "new", state: "running", progress: 40, fileRestore: false }),
        ],
        storages: [{ id: "pbs", label: "Backup server", type: "pbs", modes: ["snapshot"] }],
      },
      words,
    );
    expect(items.map((item) => item.id)).toEqual(["new", "old"]);
    expect(items[0]).toMatchObject({ size: "size not known yet", progress: 40, browsable: false });
    expect(items[1]).toMatchObject({
      size: "1.5 GiB",
      takenAt: "Nov 30, 2026, 8:05 AM",
      storage: "Backup server",
      browsable: true,
    });
  });

  it("says what the quota leaves and when a schedule runs, in UTC", () => {
    expect(
      backupRoom({ vms: 0, cores: 0, memoryMb: 0, diskGb: 0, snapshots: 0, backups: 1, backupGb: 40 }, words),
    ).toBe("1 more backup within 40 GiB");
    const schedule = {
      storageId: "pbs",
      mode: "snapshot",
      frequency: "weekly",
      weekday: 3,
      minuteOfDay: 2 * 60 + 5,
      keepLast: 3,
      keepDaily: 0,
      keepWeekly: 4,
      enabled: true,
      nextRunAt: new Date("2026-12-02T02:05:00Z"),
    } as BackupSchedule;
    expect(scheduleView(schedule, words)).toMatchObject({
      time: "02:05",
      weekday: 3,
      nextRun: "Dec 2, 2026, 2:05 AM",
    });
    expect(scheduleView({ ...schedule, enabled: false }, words).nextRun).toBeNull();
  });
});
