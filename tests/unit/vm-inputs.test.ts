import { describe, expect, it } from "vitest";
import { renderMessage } from "@/lib/i18n/message";
import { englishTranslator } from "@/lib/i18n/translator";
import { settingDefinitions } from "@/lib/settings/registry";
import { powerActionsFor } from "@/lib/vms/power-actions";
import { vmRequestSchema, withSizeLimits } from "@/lib/vms/vm-inputs";
import { vmNameSchema } from "@/lib/vms/vm-name";
import { vmSizeSchema } from "@/lib/vms/vm-size";

// Schemas carry catalog tokens; people read them rendered.
const english = (text: string) => renderMessage(text, englishTranslator());

function nameError(name: string): string | undefined {
  const result = vmNameSchema.safeParse(name);
  return result.success ? undefined : result.error.issues[0] && english(result.error.issues[0].message);
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

describe("the create-VM form's schema", () => {
  const schema = withSizeLimits(vmRequestSchema, settingDefinitions["vm.limits"].defaultValue);
  const request = {
    templateId: "00000000-0000-4000-8000-000000000001",
    name: "Web-1",
    cores: 2,
    memoryMb: 2048,
    diskGb: 20,
  };

  it("is the server's request, lowercasing the name", () => {
    expect(schema.parse(request)).toEqual({ ...request, name: "web-1" });
  });

  it("puts each problem at its field, with the limits the page was rendered with", () => {
    const result = schema.safeParse({ ...request, name: "1web", cores: 64 });
    expect(result.error?.issues.map((issue) => [issue.path[0], english(issue.message)])).toEqual([
      ["name", "Start the name with a letter."],
      ["cores", "Pick between 1 and 8 cores."],
    ]);
  });
});

describe("the power buttons", () => {
  it("offer only what the VM's state allows", () => {
    expect(powerActionsFor("stopped")).toEqual(["start"]);
    expect(powerActionsFor("paused")).toEqual(["resume", "stop"]);
    expect(powerActionsFor("running")).not.toContain("start");
    expect(powerActionsFor("provisioning")).toEqual([]);
  });
});
