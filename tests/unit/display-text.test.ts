import { describe, expect, it } from "vitest";
import { clusterSettingsFields } from "@/lib/clusters/cluster-settings";
import { settingDefinitions } from "@/lib/settings/registry";
import { sshKeyLabel } from "@/lib/ssh-keys/key-label";
import { BIDI_MESSAGE, displayText } from "@/lib/text/display-text";

const directionChanging = [
  "\u202e",
  "\u202a",
  "\u2066",
  "\u2067",
  "\u2068",
  "\u2069",
  "\u200e",
  "\u200f",
  "\u061c",
];

describe("names and labels people read", () => {
  it("refuse every character that changes the direction of text, with a reason", () => {
    const schema = displayText();
    for (const character of directionChanging) {
      const result = schema.safeParse(`invoice${character}gpj.exe`);
      expect(result.success, JSON.stringify(character)).toBe(false);
      expect(result.error?.issues[0]?.message).toBe(BIDI_MESSAGE);
    }
    expect(schema.parse("Ünïcødé, 日本語 and العربية")).toBe("Ünïcødé, 日本語 and العربية");
  });

  it("apply to a cluster's name and the portal's name", () => {
    expect(clusterSettingsFields.shape.name.safeParse("lab\u202eb").success).toBe(false);
    expect(settingDefinitions["portal.name"].schema.safeParse("Roost\u2067").success).toBe(false);
    expect(settingDefinitions["portal.name"].schema.parse("Roost")).toBe("Roost");
  });
});

describe("an SSH key's name", () => {
  it("is the typed one, else the comment cut to 60 characters, else the key's type", () => {
    expect(sshKeyLabel("desk", { comment: "alice@laptop", type: "ssh-ed25519" })).toBe("desk");
    expect(sshKeyLabel(undefined, { comment: "é".repeat(100), type: "ssh-ed25519" })).toBe("é".repeat(60));
    expect(sshKeyLabel("", { comment: "", type: "ssh-ed25519" })).toBe("ssh-ed25519");
  });
});
