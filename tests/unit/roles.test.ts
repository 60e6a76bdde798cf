import { describe, expect, it } from "vitest";
import { groupsFromClaim, type RolePolicy, roleForIdentity } from "@/lib/authz/roles";

const policy: RolePolicy = {
  adminGroups: ["roost-admins"],
  auditorGroups: ["roost-auditors"],
  memberGroups: ["roost-members"],
  bootstrapAdmins: ["Founder@Example.org", "root-user"],
};

describe("roles from identity-provider groups", () => {
  it("gives the highest role any group grants", () => {
    expect(roleForIdentity({ groups: ["roost-members", "roost-admins"] }, policy)).toBe("admin");
    expect(roleForIdentity({ groups: ["roost-auditors", "roost-members"] }, policy)).toBe("auditor");
    expect(roleForIdentity({ groups: ["roost-members"] }, policy)).toBe("member");
  });

  it("admits nobody who is in none of the groups", () => {
    expect(roleForIdentity({ groups: ["visitors"] }, policy)).toBeNull();
    expect(roleForIdentity({ groups: [] }, policy)).toBeNull();
  });

  it("makes bootstrap admins admins by e-mail or username, whatever their groups", () => {
    expect(roleForIdentity({ email: "founder@example.org", groups: [] }, policy)).toBe("admin");
    expect(roleForIdentity({ username: "ROOT-USER", groups: ["visitors"] }, policy)).toBe("admin");
  });

  it("lets an operator admit everyone with *", () => {
    expect(roleForIdentity({ groups: ["anything"] }, { ...policy, memberGroups: ["*"] })).toBe("member");
  });

  it("reads arrays, comma lists and Keycloak group paths", () => {
    expect(groupsFromClaim(["a", "b"])).toEqual(["a", "b"]);
    expect(groupsFromClaim("a, b")).toEqual(["a", "b"]);
    expect(groupsFromClaim(["/lab/roost-admins"])).toEqual(["/lab/roost-admins", "roost-admins"]);
    expect(groupsFromClaim(undefined)).toEqual([]);
    expect(groupsFromClaim([1, null, "x"])).toEqual(["x"]);
  });
});
