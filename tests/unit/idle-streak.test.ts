import { describe, expect, it } from "vitest";
import type { IdleStopPolicy, IdleWatch } from "@/db/schema";
import { type GuestReading, nextIdleWatch, stayedQuietFor } from "@/lib/schedules/idle-streak";

const policy: IdleStopPolicy = { enabled: true, minutes: 10, cpuPercent: 5, networkKibps: 10 };
const t0 = Date.parse("2026-12-02T09:00:00Z");
const minute = 60_000;

/** Readings a minute apart: CPU 1 %, 1 KiB/s of network, uptime counting up. */
function quietReadings(count: number, from = 0): GuestReading[] {
  return Array.from({ length: count }, (_, index) => {
    const minutes = from + index;
    return {
      at: new Date(t0 + minutes * minute),
      running: true,
      cpu: 0.01,
      netBytes: minutes * 60 * 1024,
      uptime: 600 + minutes * 60,
    };
  });
}

function watchThrough(
  readings: GuestReading[],
  start?: IdleWatch,
  withPolicy = policy,
): IdleWatch | undefined {
  let watch = start;
  for (const reading of readings) watch = nextIdleWatch("vm", watch, reading, withPolicy) ?? watch;
  return watch;
}

describe("a VM's quiet run", () => {
  it("starts at its first quiet reading and lasts the policy's minutes", () => {
    const watch = watchThrough(quietReadings(11));
    expect(watch?.quietSince).toEqual(new Date(t0));
    expect(stayedQuietFor(watch, policy, new Date(t0 + 10 * minute))).toBe(true);
    expect(stayedQuietFor(watchThrough(quietReadings(10)), policy, new Date(t0 + 9 * minute))).toBe(false);
  });

  it("ends with a busy CPU, busy network, a restart, a gap, or another policy", () => {
    const readings = quietReadings(11);
    const busyCpu = readings.map((reading, index) => (index === 5 ? { ...reading, cpu: 0.2 } : reading));
    const busyNet = readings.map((reading, index) =>
      index >= 5 ? { ...reading, netBytes: reading.netBytes + 5_000_000 } : reading,
    );
    const restarted = readings.map((reading, index) => (index === 5 ? { ...reading, uptime: 30 } : reading));
    const gap = readings.filter((_, index) => index < 3 || index > 6);
    for (const broken of [busyCpu, busyNet, restarted, gap]) {
      const watch = watchThrough(broken);
      expect(stayedQuietFor(watch, policy, new Date(t0 + 10 * minute))).toBe(false);
    }
    const before = watchThrough(readings.slice(0, 6));
    const stricter = { ...policy, cpuPercent: 2 };
    const after = watchThrough(readings.slice(6), before, stricter);
    expect(after?.quietSince).toEqual(new Date(t0 + 6 * minute));
    expect(stayedQuietFor(after, stricter, new Date(t0 + 10 * minute))).toBe(false);
  });

  it("ignores readings seconds apart and needs a recent one", () => {
    const first = nextIdleWatch("vm", undefined, quietReadings(1)[0]!, policy)!;
    const soon = { ...quietReadings(1)[0]!, at: new Date(t0 + 10_000) };
    expect(nextIdleWatch("vm", first, soon, policy)).toBeNull();
    const watch = watchThrough(quietReadings(11));
    expect(stayedQuietFor(watch, policy, new Date(t0 + 20 * minute))).toBe(false);
  });
});
