import { describe, expect, it } from "vitest";
import { mostGenerous, remaining, shortfalls } from "@/lib/quotas/quota";

const small = { vms: 2, cores: 4, memoryMb: 4096, diskGb: 50, snapshots: 2 };
const wide = { vms: 1, cores: 16, memoryMb: 2048, diskGb: 500, snapshots: 0 };

describe("quota arithmetic", () => {
  it("gives a person in several groups the most generous limit of each dimension", () => {
    expect(mostGenerous([small, wide])).toEqual({
      vms: 2,
      cores: 16,
      memoryMb: 4096,
      diskGb: 500,
      snapshots: 2,
    });
    expect(mostGenerous([])).toBeNull();
  });

  it("never reports negative room", () => {
    expect(remaining(small, { ...small, cores: 9 })).toEqual({
      vms: 0,
      cores: 0,
      memoryMb: 0,
      diskGb: 0,
      snapshots: 0,
    });
  });

  it("explains each dimension a request would exceed, in plain words", () => {
    const usage = { vms: 1, cores: 2, memoryMb: 2048, diskGb: 40, snapshots: 0 };
    expect(shortfalls(small, usage, { vms: 1, cores: 2, memoryMb: 2048, diskGb: 10 })).toEqual([]);
    expect(shortfalls(small, usage, { vms: 1, cores: 4, memoryMb: 3072, diskGb: 20 })).toEqual([
      "This needs 4 cores, but you have 2 cores left of 4 cores.",
      "This needs 3 GiB of memory, but you have 2 GiB of memory left of 4 GiB of memory.",
      "This needs 20 GiB of disk, but you have 10 GiB of disk left of 50 GiB of disk.",
    ]);
  });
});
