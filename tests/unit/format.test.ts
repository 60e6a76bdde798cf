import { describe, expect, it } from "vitest";
import {
  formatBytes,
  formatDay,
  formatDuration,
  formatGiB,
  formatLongDay,
  formatMemory,
  formatMinute,
  formatPercent,
  formatRate,
  formatSecond,
} from "@/lib/format";

const at = new Date("2026-12-01T23:20:07.500Z");

describe("dates", () => {
  it("read as UTC in an ISO-like shape by default", () => {
    expect(formatDay(at)).toBe("2026-12-01");
    expect(formatMinute(at)).toBe("2026-12-01 23:20");
    expect(formatSecond(at)).toBe("2026-12-01 23:20:07");
    expect(formatSecond(at.getTime())).toBe("2026-12-01 23:20:07");
  });

  it("show midnight as 00, not 24", () => {
    expect(formatSecond(new Date("2027-01-01T00:00:00Z"))).toBe("2027-01-01 00:00:00");
  });

  it("move to another time zone, across the date line when it must", () => {
    expect(formatMinute(at, { timeZone: "Europe/Berlin" })).toBe("2026-12-02 00:20");
    expect(formatDay(at, { timeZone: "America/New_York" })).toBe("2026-12-01");
  });

  it("take a locale's own form when one is given", () => {
    expect(formatDay(at, { locale: "de-DE" })).toBe("01.12.2026");
    expect(formatLongDay(at)).toBe("1 December 2026");
  });
});

describe("sizes and rates", () => {
  it("scale bytes to binary units", () => {
    expect(formatBytes(0)).toBe("0 B");
    expect(formatBytes(1023)).toBe("1023 B");
    expect(formatBytes(1536)).toBe("1.5 KiB");
    expect(formatBytes(150 * 1024 ** 2)).toBe("150 MiB");
    expect(formatBytes(3 * 1024 ** 3)).toBe("3 GiB");
    expect(formatRate(2.5 * 1024 ** 2)).toBe("2.5 MiB/s");
  });

  it("show memory kept in MiB as GiB and disks in GiB", () => {
    expect(formatMemory(2048)).toBe("2 GiB");
    expect(formatMemory(1536)).toBe("1.5 GiB");
    expect(formatMemory(1000)).toBe("0.98 GiB");
    expect(formatGiB(1024)).toBe("1024 GiB");
  });

  it("show a share as a whole percentage", () => {
    expect(formatPercent(0.426)).toBe("43%");
    expect(formatPercent(1)).toBe("100%");
  });
});

describe("durations", () => {
  it("use the largest unit and the next one", () => {
    expect(formatDuration(0)).toBe("0 sec");
    expect(formatDuration(307_000)).toBe("5 min 7 sec");
    expect(formatDuration(3_600_000)).toBe("1 hr");
    expect(formatDuration((2 * 24 + 3) * 3_600_000 + 59_000)).toBe("2 days 3 hr");
    expect(formatDuration(-5)).toBe("0 sec");
  });
});
