import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PermCheck } from "@/pve-sim/access/check";
import { routePermissions } from "@/pve-sim/router";
import { simRoutes } from "@/pve-sim/routes";
import { startTestCluster, type TestCluster } from "../helpers/pve-sim";
import { simRequest } from "../helpers/sim-request";

/**
 * The simulator's access control against pve-access-control's rules: `RPCEnvironment.pm`
 * (check_api2_permissions, exec_api2_perm_check, permissions: pools, token ∩ user), `AccessControl.pm`
 * (roles: propagation, NoAccess; the built-in roles), and the filtered listings of pve-manager
 * `PVE/API2/Cluster.pm` resources and `Pool.pm` index.
 */
let cluster: TestCluster;
let admin: (method: string, path: string, params?: Record<string, string>) => Promise<unknown>;
let allPrivileges: string[];
let serial = 0;

/** A raw call with a given `USER@REALM!TOKEN=SECRET`. */
const callSim = (
  sim: TestCluster["sim"],
  token: string,
  method: string,
  path: string,
  params: Record<string, string> = {},
) => simRequest(sim, method, path, params, `PVEAPIToken=${token}`);

beforeAll(async () => {
  cluster = await startTestCluster({}, {}, { superuser: true });
  admin = async (method, path, params = {}) => {
    const answer = await callSim(cluster.sim, cluster.sim.token, method, path, params);
    if (answer.status !== 200) throw new Error(`${method} ${path}: ${answer.status} ${answer.message}`);
    return answer.data;
  };
  const roles = (await admin("GET", "/access/roles")) as { roleid: string; privs: string }[];
  allPrivileges = roles.find((role) => role.roleid === "Administrator")!.privs.split(",");
});
afterAll(() => cluster?.close());

/** A user and its token, made through the access API; ACLs as given, for the user, the token or both. */
async function principal(
  grants: { path: string; role: string; to: ("user" | "token")[]; propagate?: boolean }[],
  { privsep = true } = {},
): Promise<string> {
  const userid = `probe${++serial}@pve`;
  await admin("POST", "/access/users", { userid });
  const token = (await admin("POST", `/access/users/${userid}/token/tk`, {
    privsep: privsep ? "1" : "0",
  })) as {
    "full-tokenid": string;
    value: string;
  };
  for (const grant of grants) {
    await admin("PUT", "/access/acl", {
      path: grant.path,
      roles: grant.role,
      propagate: grant.propagate === false ? "0" : "1",
      ...(grant.to.includes("user") ? { users: userid } : {}),
      ...(grant.to.includes("token") ? { tokens: token["full-tokenid"] } : {}),
    });
  }
  return `${token["full-tokenid"]}=${token.value}`;
}

async function role(privs: string[]): Promise<string> {
  const roleid = `Probe${++serial}`;
  await admin("POST", "/access/roles", { roleid, privs: privs.join(",") });
  return roleid;
}

/** Every privilege a rule names, wherever it sits in it; `perm-modify` names its own (check_perm_modify). */
function privilegesIn(check: PermCheck | unknown): string[] {
  if (Array.isArray(check) && check[0] === "perm-modify")
    return ["Permissions.Modify", "VM.Allocate", "Datastore.Allocate", "Pool.Allocate"];
  if (typeof check === "string") return /^[A-Z][A-Za-z]+\.[A-Za-z.]+$/.test(check) ? [check] : [];
  return Array.isArray(check) ? check.flatMap(privilegesIn) : [];
}

const sample: Record<string, string> = {
  node: "pve2",
  vmid: "100",
  newid: "990",
  pool: "infra",
  poolid: "infra",
  userid: "root@pam",
  tokenid: "sim",
  roleid: "PVEAuditor",
  snapname: "snap1",
  storage: "local",
  upid: "UPID:pve2:00000001:00000001:00000001:qmstart:100:root@pam!sim:",
  path: "/vms/100",
};

describe("the simulator's permission checks", () => {
  it("refuses every route whose schema names a privilege to a token that lacks exactly that privilege", async () => {
    const guarded = simRoutes.filter((route) => "check" in routePermissions(route, "9.1"));
    expect(guarded.length).toBeGreaterThan(25);
    const failures: string[] = [];
    for (const route of guarded) {
      const rule = routePermissions(route, "9.1") as { check: PermCheck };
      const lacking = new Set(privilegesIn(rule.check));
      const token = await principal([
        { path: "/", role: await role(allPrivileges.filter((p) => !lacking.has(p))), to: ["user", "token"] },
      ]);
      const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(sample[name]!));
      const params = Object.fromEntries(
        Object.keys(route.params)
          .filter((name) => sample[name] !== undefined && !route.path.includes(`{${name}}`))
          .map((name) => [name, sample[name]!]),
      );
      const refused = await callSim(cluster.sim, token, route.method, path, params);
      if (refused.status !== 403 || !refused.message?.startsWith("Permission check failed"))
        failures.push(
          `${route.method} ${route.path} without ${[...lacking].join("|")}: ${refused.status} ${refused.message}`,
        );
    }
    expect(failures).toEqual([]);
  });

  it("names the path and the privilege that was missing", async () => {
    const token = await principal([
      { path: "/vms/100", role: await role(["VM.Audit"]), to: ["user", "token"] },
    ]);
    const answer = await callSim(cluster.sim, token, "POST", "/nodes/pve2/qemu/100/status/stop");
    expect(answer).toMatchObject({
      status: 403,
      message: "Permission check failed (/vms/100, VM.PowerMgmt)",
    });
    const status = await callSim(cluster.sim, token, "GET", "/nodes/pve2/qemu/100/status/current");
    expect(status.status).toBe(200);
  });

  it("gives a privilege-separated token only what both it and its user hold", async () => {
    const operator = await role(["VM.Audit", "VM.PowerMgmt"]);
    const onlyToken = await principal([{ path: "/vms", role: operator, to: ["token"] }]);
    const resources = (await callSim(cluster.sim, onlyToken, "GET", "/cluster/resources", { type: "vm" }))
      .data;
    expect(resources).toEqual([]);
    for (const [method, path] of [
      ["GET", "/nodes/pve2/qemu/100/status/current"],
      ["POST", "/nodes/pve2/qemu/100/status/reboot"],
      ["GET", "/nodes/pve2/qemu/100/config"],
    ] as const) {
      expect((await callSim(cluster.sim, onlyToken, method, path)).status).toBe(403);
    }
    const both = await principal([{ path: "/vms", role: operator, to: ["user", "token"] }]);
    const seen = (await callSim(cluster.sim, both, "GET", "/cluster/resources", { type: "vm" })).data as {
      vmid: number;
    }[];
    expect(seen.map((vm) => vm.vmid)).toContain(100);
    expect((await callSim(cluster.sim, both, "GET", "/nodes/pve2/qemu/100/status/current")).status).toBe(200);
  });

  it("gives an unseparated token all of its user's privileges, whatever the token's own ACLs", async () => {
    const token = await principal([{ path: "/vms/100", role: "PVEAuditor", to: ["user"] }], {
      privsep: false,
    });
    expect((await callSim(cluster.sim, token, "GET", "/nodes/pve2/qemu/100/config")).status).toBe(200);
  });

  it("lets a VM inherit its pool's ACLs, never over a NoAccess on the VM itself", async () => {
    const auditor = await principal([{ path: "/pool/infra", role: "PVEVMUser", to: ["user", "token"] }]);
    expect((await callSim(cluster.sim, auditor, "GET", "/nodes/pve2/qemu/100/status/current")).status).toBe(
      200,
    );
    const denied = await principal([
      { path: "/pool/infra", role: "PVEVMUser", to: ["user", "token"] },
      { path: "/vms/100", role: "NoAccess", to: ["user", "token"] },
    ]);
    expect((await callSim(cluster.sim, denied, "GET", "/nodes/pve2/qemu/100/status/current")).status).toBe(
      403,
    );
  });

  it("applies an ACL below its path only when it propagates", async () => {
    const flat = await principal([
      { path: "/vms", role: "PVEAuditor", to: ["user", "token"], propagate: false },
    ]);
    expect((await callSim(cluster.sim, flat, "GET", "/nodes/pve2/qemu/100/config")).status).toBe(403);
    const permissions = (await callSim(cluster.sim, flat, "GET", "/access/permissions", { path: "/vms" }))
      .data;
    expect(permissions).toEqual({
      "/vms": {
        "VM.Audit": 0,
        "VM.GuestAgent.Audit": 0,
        "Datastore.Audit": 0,
        "Mapping.Audit": 0,
        "Pool.Audit": 0,
        "SDN.Audit": 0,
        "Sys.Audit": 0,
      },
    });
  });

  it("leaves out of the listings what the caller may not audit, and a node's figures without Sys.Audit", async () => {
    const token = await principal([{ path: "/vms/9000", role: "PVEAuditor", to: ["user", "token"] }]);
    const resources = (await callSim(cluster.sim, token, "GET", "/cluster/resources")).data as {
      type: string;
      vmid?: number;
      maxmem?: number;
    }[];
    expect(resources.filter((item) => item.type === "qemu").map((item) => item.vmid)).toEqual([9000]);
    expect(resources.filter((item) => item.type === "storage")).toEqual([]);
    expect(resources.filter((item) => item.type === "pool")).toEqual([]);
    const nodes = resources.filter((item) => item.type === "node");
    expect(nodes.length).toBe(3);
    expect(nodes.every((node) => node.maxmem === undefined)).toBe(true);
    expect((await callSim(cluster.sim, token, "GET", "/pools")).data).toEqual([]);
    expect((await callSim(cluster.sim, token, "GET", "/nodes/pve1/storage")).data).toEqual([]);
  });

  it("checks each changed option's own privilege on a config update, as qemu-server does", async () => {
    const memoryOnly = await principal([
      { path: "/vms/100", role: await role(["VM.Config.Memory"]), to: ["user", "token"] },
    ]);
    const cores = await callSim(cluster.sim, memoryOnly, "PUT", "/nodes/pve2/qemu/100/config", {
      cores: "4",
    });
    expect(cores).toMatchObject({
      status: 403,
      message: "Permission check failed (/vms/100, VM.Config.CPU)",
    });
    const memory = await callSim(cluster.sim, memoryOnly, "PUT", "/nodes/pve2/qemu/100/config", {
      memory: "4096",
    });
    expect(memory.status).toBe(200);
  });

  it("demands SDN.Use on the bridge and Datastore.AllocateSpace on the storage of a new VM", async () => {
    const allocator = await role(["VM.Allocate", "VM.Config.Memory", "VM.Config.Network", "VM.Config.Disk"]);
    const token = await principal([{ path: "/vms/991", role: allocator, to: ["user", "token"] }]);
    const create = (params: Record<string, string>) =>
      callSim(cluster.sim, token, "POST", "/nodes/pve1/qemu", { vmid: "991", memory: "512", ...params });
    expect(await create({ net0: "virtio,bridge=vmbr0" })).toMatchObject({
      status: 403,
      message: "Permission check failed (/sdn/zones/localnetwork/vmbr0, SDN.Use)",
    });
    expect(await create({ scsi0: "local-lvm:4" })).toMatchObject({
      status: 403,
      message: "Permission check failed (/storage/local-lvm, Datastore.AllocateSpace)",
    });
  });

  it("answers a missing pool with 403, as RPCEnvironment's check_pool_exist does", async () => {
    const answer = await callSim(cluster.sim, cluster.sim.token, "POST", "/nodes/pve1/qemu", {
      vmid: "992",
      pool: "no-such-pool",
    });
    expect(answer).toMatchObject({
      status: 403,
      message: "Permission check failed (pool 'no-such-pool' does not exist)",
    });
  });

  it("shows a token its own tasks only, unless it may audit the node", async () => {
    const mine = await principal([{ path: "/vms/100", role: "PVEVMUser", to: ["user", "token"] }]);
    const started = await callSim(cluster.sim, mine, "POST", "/nodes/pve2/qemu/100/status/suspend");
    expect(started.status).toBe(200);
    const listed = (await callSim(cluster.sim, mine, "GET", "/nodes/pve2/tasks", { source: "all" })).data as {
      upid: string;
    }[];
    expect(listed.map((task) => task.upid)).toEqual([started.data]);
    await callSim(cluster.sim, cluster.sim.token, "POST", "/nodes/pve2/qemu/100/status/resume");
    const others = (
      await callSim(cluster.sim, cluster.sim.token, "GET", "/nodes/pve2/tasks", { source: "all" })
    ).data as {
      upid: string;
    }[];
    const foreign = others.find((task) => task.upid !== started.data)!;
    expect(
      (
        await callSim(
          cluster.sim,
          mine,
          "GET",
          `/nodes/pve2/tasks/${encodeURIComponent(foreign.upid)}/status`,
        )
      ).status,
    ).toBe(403);
  });

  it("refuses a disabled user's token and an expired token with 401", async () => {
    const token = await principal([{ path: "/", role: "PVEAuditor", to: ["user", "token"] }]);
    expect((await callSim(cluster.sim, token, "GET", "/version")).status).toBe(200);
    const userid = token.split("!")[0]!;
    const user = cluster.sim.state.access.users.find((candidate) => candidate.userid === userid)!;
    user.enable = false;
    expect((await callSim(cluster.sim, token, "GET", "/version")).status).toBe(401);
    user.enable = true;
    user.tokens[0]!.expire = Math.floor(Date.now() / 1000) - 1;
    expect((await callSim(cluster.sim, token, "GET", "/version")).status).toBe(401);
  });
});

describe("the built-in roles, by version", () => {
  it("PVE 9 replaces VM.Monitor with VM.GuestAgent.* privileges; PVE 8.4 still has VM.Monitor", async () => {
    const privs = (await admin("GET", "/access/roles/PVEVMAdmin")) as Record<string, number>;
    expect(privs["VM.GuestAgent.Unrestricted"]).toBe(1);
    expect(privs["VM.Monitor"]).toBeUndefined();
    const old = await startTestCluster({ pveVersion: "8.4" }, {}, { superuser: true });
    try {
      const answer = await callSim(old.sim, old.sim.token, "GET", "/access/roles/PVEVMAdmin");
      expect(answer.data).toHaveProperty("VM.Monitor", 1);
      expect(answer.data).not.toHaveProperty("VM.GuestAgent.Audit");
    } finally {
      await old.close();
    }
  });
});
