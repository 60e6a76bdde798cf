import { describe, expect, it } from "vitest";
import { settingDefinitions } from "@/lib/settings/registry";
import { vmNameSchema } from "@/lib/vms/vm-name";
import { vmSizeSchema } from "@/lib/vms/vm-size";

function nameError(name: string): string | undefined {
  const result = vmNameSchema.safeParse(name);
  return result.success ? undefined : result.error.issues[0]?.message;
}

describe("a VM's name", () => {
  it("is a DNS label, lowercased", () => {
    expect(vmNameSchema.parse("  Web-01 ")).toBe("web-01");
    expect(vmNameSchema.parse("a")).toBe("a");
  });

  it("is refused with a reason a member understands", () => {
    expect(nameError("")).toBe("Give the VM a name.");
    expect(nameError("1web")).toBe("Start the name with a letter.");
    expect(nameError("web_01")).toMatch(/only letters, digits and hyphens/);
    expect(nameError("web.example")).toMatch(/only letters, digits and hyphens/);
    expect(nameError("web-")).toBe("End the name with a letter or a digit.");
    expect(nameError("a".repeat(64))).toBe("Keep the name to 63 characters or fewer.");
  });
});

describe("a VM's size", () => {
  const schema = vmSizeSchema(settingDefinitions["vm.limits"].defaultValue);

  it("stays within the per-VM limits, naming the range", () => {
    expect(schema.parse({ cores: 2, memoryMb: 2048, diskGb: 20 })).toEqual({
      cores: 2,
      memoryMb: 2048,
      diskGb: 20,
    });
    const result = schema.safeParse({ cores: 64, memoryMb: 256, diskGb: 20.5 });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.message)).toEqual([
      "Pick between 1 and 8 cores.",
      "Pick between 512 and 16384 MiB of memory.",
      "Enter the disk as a whole number.",
    ]);
  });

  it("rejects limits whose minimum exceeds the maximum", () => {
    const limits = { ...settingDefinitions["vm.limits"].defaultValue, minCores: 16 };
    expect(settingDefinitions["vm.limits"].schema.safeParse(limits).success).toBe(false);
  });
});
