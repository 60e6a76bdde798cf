import { describe, expect, it } from "vitest";
import { idleSince } from "@/lib/leases/idle";
import { rrdLayoutFor, rrdWindowSeconds, timeframeCovering } from "@/lib/proxmox/rrd-history";

const DAY = 86_400;

describe("the history each Proxmox release keeps (pve-cluster RRD.pm)", () => {
  it("PVE 9's week is exactly seven days of 30-minute rows; PVE 8's is 8¾ days of 3-hour rows", () => {
    expect(rrdWindowSeconds(rrdLayoutFor("9.1"), "week")).toBe(7 * DAY);
    expect(rrdWindowSeconds(rrdLayoutFor("9.0"), "month")).toBe(30 * DAY);
    expect(rrdWindowSeconds(rrdLayoutFor("8.4"), "week")).toBe(8.75 * DAY);
    expect(rrdWindowSeconds(rrdLayoutFor("7.4"), "month")).toBe(35 * DAY);
  });

  it("idle days beyond the week window are read from the month, beyond the month from the year", () => {
    const modern = rrdLayoutFor("9.1");
    const legacy = rrdLayoutFor("8.4");
    expect([7, 8, 30, 31].map((days) => timeframeCovering(modern, days))).toEqual([
      "week",
      "month",
      "month",
      "year",
    ]);
    expect([8, 9, 35].map((days) => timeframeCovering(legacy, days))).toEqual(["week", "month", "month"]);
  });
});

describe("idle detection over coarse rows", () => {
  const now = new Date(Date.UTC(2026, 5, 1, 12));
  const rows = (step: number, count: number, newestAge: number) =>
    Array.from({ length: count }, (_, index) => ({
      time: Math.floor(now.getTime() / 1000) - newestAge - (count - 1 - index) * step,
      cpu: 0.001,
    }));
  const created = new Date(now.getTime() - 60 * DAY * 1000);

  it("takes PVE 8's month, whose newest 12-hour row can be a day old, as current", () => {
    expect(idleSince(rows(43_200, 70, 23 * 3600), { cpuPercent: 5, days: 9 }, created, now)).toBeInstanceOf(
      Date,
    );
  });

  it("ignores figures that stopped more than two steps before now", () => {
    expect(idleSince(rows(1800, 336, 7 * 3600), { cpuPercent: 5, days: 6 }, created, now)).toBeNull();
  });
});
