import { describe, expect, it } from "vitest";
import { byAnyKey, renderMessages } from "@/lib/i18n/message";
import { englishTranslator, translatorFor } from "@/lib/i18n/translator";
import { mostGenerous, remaining, shortfalls } from "@/lib/quotas/quota";

const small = { vms: 2, cores: 4, memoryMb: 4096, diskGb: 50, snapshots: 2, backups: 3, backupGb: 20 };
const wide = { vms: 1, cores: 16, memoryMb: 2048, diskGb: 500, snapshots: 0, backups: 1, backupGb: 50 };

describe("quota arithmetic", () => {
  it("gives a person in several groups the most generous limit of each dimension", () => {
    expect(mostGenerous([small, wide])).toEqual({
      vms: 2,
      cores: 16,
      memoryMb: 4096,
      diskGb: 500,
      snapshots: 2,
      backups: 3,
      backupGb: 50,
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
      backups: 0,
      backupGb: 0,
    });
  });

  it("explains each dimension a request would exceed, in plain words", () => {
    const usage = { vms: 1, cores: 2, memoryMb: 2048, diskGb: 40, snapshots: 0, backups: 3, backupGb: 20 };
    const english = (request: Parameters<typeof shortfalls>[2], holder?: "you" | "project") =>
      renderMessages(shortfalls(small, usage, request, holder), englishTranslator());
    expect(shortfalls(small, usage, { vms: 1, cores: 2, memoryMb: 2048, diskGb: 10 })).toEqual([]);
    expect(english({ vms: 1, cores: 4, memoryMb: 3072, diskGb: 20 })).toEqual([
      "This needs 4 cores, but you have 2 cores left of 4 cores.",
      "This needs 3 GiB of memory, but you have 2 GiB of memory left of 4 GiB of memory.",
      "This needs 20 GiB of disk, but you have 10 GiB of disk left of 50 GiB of disk.",
    ]);
    expect(english({ backups: 1, backupGb: 1 })).toEqual([
      "This needs 1 backup, but you have 0 backups left of 3 backups.",
      "This needs 1 GiB of backup space, but you have 0 GiB of backup space left of 20 GiB of backup space.",
    ]);
    expect(english({ memoryMb: 2560 }, "project")).toEqual([
      "This needs 2560 MiB of memory, but the project has 2 GiB of memory left of 4 GiB of memory.",
    ]);
    const french = renderMessages(shortfalls(small, usage, { cores: 4 }), byAnyKey(translatorFor("fr")));
    expect(french).toEqual(["Il faut 4 cœurs, mais il vous reste 2 cœurs sur 4 cœurs."]);
  });
});
