import { describe, expect, it } from "vitest";
import {
  findEndpoint,
  loadPveSchema,
  perlPattern,
  requireSchemasInCi,
  validateRequest,
  validateReturn,
} from "../helpers/pve-schema";

const schema = loadPveSchema("9.1.3");
requireSchemasInCi(["9.1.3"]);

describe.skipIf(!schema)("the schema checker used by the conformance tests", () => {
  it("finds endpoints by concrete path and method", () => {
    expect(findEndpoint(schema!, "POST", "/api2/json/nodes/pve1/qemu/100/clone")).toMatchObject({
      template: "/nodes/{node}/qemu/{vmid}/clone",
      pathParams: { node: "pve1", vmid: "100" },
    });
    expect(findEndpoint(schema!, "PATCH", "/nodes/pve1/qemu/100/clone")).toBeNull();
    expect(validateRequest(schema!, "GET", "/nodes/pve1/nonsense", {})).toEqual([
      "GET /nodes/pve1/nonsense: no such endpoint in PVE 9.1.3",
    ]);
  });

  it("accepts a correct request", () => {
    expect(
      validateRequest(schema!, "POST", "/nodes/pve1/qemu/9000/clone", {
        newid: "123",
        name: "web",
        full: "1",
      }),
    ).toEqual([]);
    expect(
      validateRequest(schema!, "POST", "/nodes/pve1/qemu/123/config", {
        net0: "virtio,bridge=vmbr0,tag=10",
        cores: "2",
      }),
    ).toEqual([]);
  });

  it("catches missing, unknown and mistyped parameters", () => {
    const problems = validateRequest(schema!, "POST", "/nodes/pve1/qemu/9000/clone", {
      full: "true",
      colour: "red",
    });
    expect(problems.join("\n")).toMatch(/newid: property is missing/);
    expect(problems.join("\n")).toMatch(/full: type check \('boolean'\) failed - got 'true'/);
    expect(problems.join("\n")).toMatch(/colour: property is not defined/);
  });

  it("catches bad enums, formats, bounds and property-string keys", () => {
    const text = (params: Record<string, string>, path = "/nodes/pve1/qemu/100/config") =>
      validateRequest(schema!, "POST", path, params).join("\n");
    expect(text({ ostype: "beos" })).toMatch(/'beos' is not one of/);
    expect(text({ sshkeys: "ssh-ed25519 AAAA key" })).toMatch(/not a valid urlencoded/);
    expect(text({ cores: "0" })).toMatch(/below minimum 1/);
    expect(text({ net0: "virtio,bridge=vmbr0,colour=red" })).toMatch(/unknown key 'colour'/);
    expect(validateRequest(schema!, "POST", "/nodes/pve1/qemu/99/status/start", {}).join("\n")).toMatch(
      /not a valid pve-vmid/,
    );
  });

  it("translates Perl patterns", () => {
    expect(perlPattern("(?^i:[a-z]+)").test("ABC")).toBe(true);
    expect(perlPattern("[a-z]+").test("abc1")).toBe(false);
  });

  it("checks answers against the returns schema", () => {
    const good = {
      upid: "UPID:pve1:00000001:00000001:00000001:qmstart:100:root@pam:",
      node: "pve1",
      pid: 1,
      pstart: 1,
      starttime: 1,
      type: "qmstart",
      id: "100",
      user: "root@pam",
      status: "stopped",
    };
    expect(validateReturn(schema!, "GET", "/nodes/pve1/tasks/x/status", good)).toEqual([]);
    expect(
      validateReturn(schema!, "GET", "/nodes/pve1/tasks/x/status", { ...good, status: "sleeping" }).join(),
    ).toMatch(/not in running, stopped/);
    expect(validateReturn(schema!, "GET", "/nodes", [{ node: "pve1" }]).join()).toMatch(/status: missing/);
  });
});
