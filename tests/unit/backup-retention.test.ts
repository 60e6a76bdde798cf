import { describe, expect, it } from "vitest";
import { selectPrunable } from "@/lib/backups/retention";

const at = (iso: string, isProtected = false) => ({
  id: iso,
  createdAt: new Date(iso),
  protected: isProtected,
});

describe("backup retention", () => {
  const backups = [
    at("2026-11-02T03:00:00Z"),
    at("2026-11-09T03:00:00Z"),
    at("2026-11-16T03:00:00Z", true),
    at("2026-11-23T03:00:00Z"),
    at("2026-11-28T03:00:00Z"),
    at("2026-11-29T03:00:00Z"),
    at("2026-11-30T03:00:00Z"),
    at("2026-11-30T15:00:00Z"),
    at("2026-12-01T03:00:00Z"),
  ];

  it("keeps the newest N and removes the rest oldest first, protected ones never", () => {
    expect(selectPrunable(backups, { keepLast: 3, keepDaily: 0, keepWeekly: 0 }).map((b) => b.id)).toEqual([
      "2026-11-02T03:00:00Z",
      "2026-11-09T03:00:00Z",
      "2026-11-23T03:00:00Z",
      "2026-11-28T03:00:00Z",
      "2026-11-29T03:00:00Z",
    ]);
  });

  it("keeps one per day and per ISO week beyond the days keep-last already covers, as PVE's prune does", () => {
    const removed = selectPrunable(backups, { keepLast: 1, keepDaily: 2, keepWeekly: 2 }).map((b) => b.id);
    // keep-last: Dec 1; daily: Nov 30 (15:00, the newest that day) and Nov 29; weekly: the weeks of Nov 9
    // and Nov 2 (the weeks of Nov 30 and Nov 23 are covered; the Nov 16 backup is protected, takes no place).
    expect(removed).toEqual(["2026-11-23T03:00:00Z", "2026-11-28T03:00:00Z", "2026-11-30T03:00:00Z"]);
  });

  it("keeps everything when the counts reach that far", () => {
    expect(selectPrunable(backups, { keepLast: 20, keepDaily: 0, keepWeekly: 0 })).toEqual([]);
  });
});
