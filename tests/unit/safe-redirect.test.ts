import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "@/lib/safe-redirect";

const origin = "https://roost.example.org";
const go = (value: unknown) => safeRedirectPath(value, origin);

describe("where the portal sends someone after signing in or acting", () => {
  it("keeps a path on this portal, with its query and fragment", () => {
    expect(go("/vms/123?tab=snapshots#top")).toBe("/vms/123?tab=snapshots#top");
    expect(go("/admin/users")).toBe("/admin/users");
    expect(go(`${origin}/profile`)).toBe("/profile");
  });

  it("sends anything that could leave the portal to the dashboard", () => {
    for (const value of [
      "//evil.example/",
      "/\\evil.example/",
      "\\\\evil.example",
      "https://evil.example/",
      "http:evil.example",
      "javascript:alert(1)",
      "http://roost.example.org/vms",
      "https://roost.example.org.evil.example/vms",
      " //evil.example",
      "vms",
    ]) {
      expect(go(value), value).toBe("/vms");
    }
  });

  it("sends destinations with control characters, whitespace or backslashes to the dashboard", () => {
    for (const value of [
      "/\t/evil.example/phish",
      "/\t\t/evil.example/",
      "/\n/evil.example",
      "/\r/evil.example",
      "/\u0000/x",
      "/\u007f/x",
      "/\u0085/x",
      "/ /evil.example",
      "/\u00a0/x",
      "/\u2028/x",
      "/vms\\..\\admin",
      "/\u202e/x",
    ]) {
      expect(go(value), JSON.stringify(value)).toBe("/vms");
    }
  });

  it("percent-encodes what it keeps, so a Location header never carries raw non-ASCII", () => {
    expect(go("/\u3002/x")).toBe("/%E3%80%82/x");
  });

  it("falls back to the dashboard for anything that is not text", () => {
    for (const value of [undefined, null, 42, ["/vms/1"], {}]) expect(go(value)).toBe("/vms");
    expect(go("")).toBe("/vms");
  });
});
