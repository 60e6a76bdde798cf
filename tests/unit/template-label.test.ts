import { describe, expect, it } from "vitest";
import { suggestedTemplateLabel } from "@/lib/catalog/template-label";

describe("the label suggested for a template", () => {
  it("reads a Proxmox name as people write the release", () => {
    expect(suggestedTemplateLabel("ubuntu-24-04-cloud")).toBe("Ubuntu 24.04");
    expect(suggestedTemplateLabel("debian-13-cloud")).toBe("Debian 13");
    expect(suggestedTemplateLabel("windows-server-2025")).toBe("Windows Server 2025");
    expect(suggestedTemplateLabel("rocky_9_5-cloudinit")).toBe("Rocky 9.5");
  });

  it("keeps words the admin capitalised and dots already written", () => {
    expect(suggestedTemplateLabel("RHEL-9-lab")).toBe("RHEL 9 Lab");
    expect(suggestedTemplateLabel("ubuntu-24.04-LTS-template")).toBe("Ubuntu 24.04 LTS");
  });

  it("falls back to the name when nothing is left of it", () => {
    expect(suggestedTemplateLabel("-cloud")).toBe("-cloud");
  });
});
