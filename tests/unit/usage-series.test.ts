import { describe, expect, it } from "vitest";
import { z } from "zod";
import { rrdPointSchema } from "@/lib/proxmox/schemas";
import { formatUsage, hasLine, rateTicks, usageRows } from "@/lib/vms/usage-series";

const GiB = 1024 ** 3;
const parse = (rows: unknown[]) => z.array(rrdPointSchema).parse(rows);

describe("a VM's usage as the charts draw it", () => {
  it("leaves a gap, not a zero, where the VM was off or Proxmox knew no figure", () => {
    const rows = usageRows(
      parse([
        { time: 1_800_000_120, maxcpu: 2, maxmem: 2 * GiB },
        { time: 1_800_000_060, cpu: 0.25, mem: GiB, maxmem: 2 * GiB, netin: 2048, netout: null },
        { time: 1_800_000_180, cpu: "0.5", mem: GiB / 2, maxmem: 2 * GiB, netin: 4096, netout: 1024 },
      ]),
    );
    expect(rows.map((row) => row.time)).toEqual([1_800_000_060_000, 1_800_000_120_000, 1_800_000_180_000]);
    expect(rows.map((row) => row.cpu)).toEqual([0.25, null, 0.5]);
    expect(rows.map((row) => row.memory)).toEqual([0.5, null, 0.25]);
    expect(rows.map((row) => row.netout)).toEqual([null, null, 1024]);
  });

  it("has no memory share without the VM's memory size", () => {
    expect(usageRows(parse([{ time: 1, mem: GiB, maxmem: 0 }]))[0]!.memory).toBeNull();
  });

  it("has a line only where two figures in a row meet, so a new VM's chart says it is collecting", () => {
    const rows = usageRows(
      parse([{ time: 1, cpu: 0.1 }, { time: 2 }, { time: 3, cpu: 0.2, netin: 10 }, { time: 4, netin: 20 }]),
    );
    expect(hasLine(rows, ["cpu"])).toBe(false);
    expect(hasLine(rows, ["netout", "netin"])).toBe(true);
    expect(hasLine([], ["cpu"])).toBe(false);
  });

  it("writes figures in their chart's unit", () => {
    expect(formatUsage("share", 0.423)).toBe("42%");
    expect(formatUsage("rate", 1.5 * 1024 ** 2)).toBe("1.5 MiB/s");
    expect(formatUsage("rate", null)).toBe("—");
  });
});

describe("the value axis of a chart in bytes per second", () => {
  const rows = (values: (number | null)[]) =>
    usageRows(parse(values.map((netin, index) => ({ time: index, ...(netin === null ? {} : { netin }) }))));

  it("ticks at round binary steps that cover the largest figure", () => {
    expect(rateTicks(rows([2000, 45_000, null]), ["netin"])).toEqual([0, 20_480, 40_960, 61_440]);
    expect(rateTicks(rows([300]), ["netin"])).toEqual([0, 100, 200, 300]);
    expect(rateTicks(rows([3 * 1024 ** 2]), ["netin"])).toEqual([0, 1024 ** 2, 2 * 1024 ** 2, 3 * 1024 ** 2]);
  });

  it("has no scale before there is a figure", () => {
    expect(rateTicks(rows([null, null]), ["netin"])).toBeUndefined();
  });
});
