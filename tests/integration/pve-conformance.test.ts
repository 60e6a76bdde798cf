import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodeSshKeys } from "@/lib/proxmox";
import { AccessApi } from "@/lib/proxmox/access";
import { ProxmoxClient } from "@/lib/proxmox/client";
import { ConsoleApi } from "@/lib/proxmox/console";
import { QemuApi } from "@/lib/proxmox/qemu";
import { TaskApi } from "@/lib/proxmox/tasks";
import { routePermissions } from "@/pve-sim/router";
import { simRoutes } from "@/pve-sim/routes";
import type { Exchange } from "@/pve-sim/server";
import { vncWebsocketPermissions } from "@/pve-sim/upgrade";
import { sshKeys } from "../fixtures/ssh-keys";
import {
  loadPveSchema,
  type PveVersion,
  requireSchemasInCi,
  validateRequest,
  validateReturn,
} from "../helpers/pve-schema";
import { startTestCluster, type TestCluster } from "../helpers/pve-sim";
import { simRequest } from "../helpers/sim-request";

const versions: PveVersion[] = ["9.1.3", "8.4.2"];
const simRelease = (version: PveVersion) => (version.startsWith("8") ? "8.4" : "9.1");
/** The simulated routes a release has: PVE 9.1's bulk actions are not in 8.4. */
const routesOf = (version: PveVersion) =>
  simRoutes.filter((route) => !route.releases || route.releases.includes(simRelease(version)));
/** The exchanges with routes that release has, as only those could have been made to it. */
const exchangesOf = (version: PveVersion) =>
  exchanges.filter((exchange) =>
    routesOf(version).some(
      (route) =>
        route.method === exchange.method &&
        new RegExp(`^${route.path.replace(/\{\w+\}/g, "[^/]+")}$`).test(exchange.path),
    ),
  );
const schemas = versions.map((version) => loadPveSchema(version));
const haveSchemas = schemas.every(Boolean);
requireSchemasInCi(versions);

/** Client methods that only build data and call nothing on the cluster. */
const offline = new Set(["websocketTarget"]);

function publicMethods(prototype: object): string[] {
  return Object.getOwnPropertyNames(prototype).filter(
    (name) =>
      name !== "constructor" &&
      !["close", "vmPath"].includes(name) &&
      typeof Object.getOwnPropertyDescriptor(prototype, name)?.value === "function",
  );
}

const apis = [
  ["client", ProxmoxClient.prototype],
  ["qemu", QemuApi.prototype],
  ["tasks", TaskApi.prototype],
  ["console", ConsoleApi.prototype],
  ["access", AccessApi.prototype],
] as const;

const exchanges: Exchange[] = [];
const called = new Set<string>();
let cluster: TestCluster;

beforeAll(async () => {
  for (const [area, prototype] of apis) {
    for (const name of publicMethods(prototype)) {
      const methods = prototype as unknown as Record<string, unknown>;
      const original = methods[name] as (...args: unknown[]) => unknown;
      methods[name] = function (this: unknown, ...args: unknown[]) {
        called.add(`${area}.${name}`);
        return original.apply(this, args);
      };
    }
  }
  // The token set up as the guide says, with its optional grant on /vms (the pass reaches VM 100 and
  // creates VMs outside members' pools).
  cluster = await startTestCluster(
    { onExchange: (exchange) => exchanges.push(exchange), agentDelaySeconds: 0 },
    {},
    { adoptAnyVm: true },
  );
  await exerciseEveryMethod(cluster.client);
  await exerciseAccessApi(cluster);
  await exerciseRoutesOtherClientsCall();
});
afterAll(() => cluster?.close());

/** One pass through everything the portal asks of Proxmox. */
async function exerciseEveryMethod(client: ProxmoxClient) {
  const wait = (upid: string | null) => (upid ? client.tasks.wait(upid, { initialDelayMs: 20 }) : null);
  await client.version();
  await client.resources.get();
  await client.nodes();
  await client.nodeStatus("pve1");
  await client.storages("pve1", { content: "images" });
  await client.storageContent("pve1", "local", { content: "iso" });
  const vmid = await client.nextVmid();
  await client.isVmidFree(vmid);
  await client.createPool("members-conformance", "conformance");
  await client.pools();
  await wait(
    await client.qemu.clone("pve1", 9000, {
      newid: vmid,
      name: "conformance",
      full: false,
      pool: "members-conformance",
    }),
  );
  await client.addToPool("members-conformance", [vmid]).catch(() => {});
  await client.pool("members-conformance");
  await client.qemu.list("pve1");
  await client.qemu.updateConfig("pve1", vmid, {
    ciuser: "alice",
    cipassword: "p4ss;word=with&odd chars",
    sshkeys: encodeSshKeys([sshKeys.ed25519.line, sshKeys.ecdsa384.line]),
    ipconfig0: "ip=10.0.0.5/24,gw=10.0.0.1",
    nameserver: "10.0.0.2",
    searchdomain: "lab.example.org",
    net0: "virtio,bridge=vmbr0,tag=20",
    boot: "order=scsi0;ide2",
    onboot: false,
  });
  await wait(
    await client.qemu.updateConfigAsync("pve1", vmid, { cores: 2, memory: "2048", delete: "description" }),
  );
  await client.qemu.config("pve1", vmid);
  await client.qemu.pending("pve1", vmid);
  await wait(await client.qemu.resize("pve1", vmid, "scsi0", "+1G"));
  await wait(await client.qemu.power("pve1", vmid, "start"));
  await client.qemu.status("pve1", vmid);
  await client.qemu.guestAddresses("pve1", vmid);
  await client.console.vncproxy("pve1", vmid);
  await client.console.termproxy("pve1", vmid);
  await client.qemu.rrd("pve1", vmid, "day", "MAX");
  for (const action of ["suspend", "resume", "reset", "reboot", "shutdown", "start", "stop"] as const) {
    await wait(await client.qemu.power("pve1", vmid, action));
  }
  await wait(await client.bulkPower("start", [vmid], { maxWorkers: 2 }));
  await wait(await client.bulkPower("shutdown", [vmid], { maxWorkers: 2, timeout: 60, forceStop: true }));
  await wait(
    await client.qemu.createSnapshot("pve1", vmid, "snap1", { description: "first", vmstate: false }),
  );
  await client.qemu.snapshots("pve1", vmid);
  await client.qemu.snapshotConfig("pve1", vmid, "snap1");
  await wait(await client.qemu.rollbackSnapshot("pve1", vmid, "snap1"));
  await wait(await client.qemu.deleteSnapshot("pve1", vmid, "snap1"));
  const tasks = await client.tasks.list("pve1", { vmid, limit: 5 });
  await client.tasks.log(tasks[0]!.upid);
  await client.tasks.status(tasks[0]!.upid);
  cluster.sim.setFaults({ hangTasks: ["qmstart"] });
  const stuck = await client.qemu.power("pve1", vmid, "start");
  await client.tasks.stop(stuck);
  cluster.sim.setFaults({ hangTasks: [] });
  await wait(
    await client.qemu.create("pve2", 4000, {
      name: "iso-install",
      ide2: "local:iso/debian-13.1.0-amd64-netinst.iso,media=cdrom",
      scsi0: "local-lvm:8",
      net0: "virtio,bridge=vmbr0",
      ostype: "l26",
      bios: "ovmf",
      scsihw: "virtio-scsi-single",
    }),
  );
  await wait(await client.qemu.destroy("pve2", 4000));
  await wait(await client.qemu.destroy("pve1", vmid));
  client.console.websocketTarget("pve1", vmid, { port: 5900, ticket: "PVEVNC:x", apiUrl: "https://x" });
}

/** The access API, as the setup guide's steps and the privilege check use it (the admin token sets up). */
async function exerciseAccessApi({ admin, client }: TestCluster) {
  await admin.access.createRole("ConformanceRole", ["VM.Audit"]);
  await admin.access.updateRole("ConformanceRole", ["VM.PowerMgmt"], true);
  await admin.access.createUser("conformance@pve", "conformance");
  await admin.access.createToken("conformance@pve", "probe", { privsep: true, comment: "x" });
  await admin.access.modifyAcl({
    path: "/vms/100",
    roles: ["ConformanceRole"],
    users: ["conformance@pve"],
    tokens: ["conformance@pve!probe"],
    propagate: false,
  });
  await admin.access.deleteToken("conformance@pve", "probe");
  await client.access.permissionsOn("/pool/roost-");
}

/** Routes the portal's client does not call but Proxstar and PVMSS do; each must answer 200 here. */
const otherClientsCalls: [string, string, Record<string, string>][] = [
  ["GET", "/nodes/pve1/version", {}],
  ["GET", "/nodes/pve1/network", { type: "any_bridge" }],
  ["GET", "/cluster/status", {}],
  ["GET", "/nodes/pve1/storage/local-lvm/status", {}],
  ["GET", "/nodes/pve1/rrddata", { timeframe: "week", cf: "AVERAGE" }],
  ["GET", "/nodes/pve2/qemu/100/rrddata", { timeframe: "month", cf: "MAX" }],
  ["GET", "/nodes/pve1/tasks", { source: "all", errors: "1", limit: "5" }],
  ["GET", "/nodes/pve1/tasks", { source: "active", statusfilter: "ok,warning" }],
  ["POST", "/pools", { poolid: "proxstar-shared", comment: "shared" }],
  ["GET", "/pools/infra", { type: "qemu" }],
  ["PUT", "/pools/proxstar-shared", { comment: "renamed" }],
  ["DELETE", "/pools/proxstar-shared", {}],
];
const otherClientsFailures: string[] = [];

async function exerciseRoutesOtherClientsCall() {
  for (const [method, path, params] of otherClientsCalls) {
    const answer = await simRequest(cluster.sim, method, path, params);
    if (answer.status !== 200)
      otherClientsFailures.push(`${method} ${path}: ${answer.status} ${answer.message}`);
  }
}

describe.skipIf(!haveSchemas)("conformance with Proxmox's official API schema", () => {
  it("the routes other Proxmox clients call answered, so their answers are checked below", () => {
    expect(otherClientsFailures).toEqual([]);
  });

  it.each(versions)("every simulated route checks the privileges PVE %s's schema names for it", (version) => {
    const schema = loadPveSchema(version)!;
    const simVersion = simRelease(version);
    const schemaRule = (method: string, template: string) => {
      const rule = schema.routes.find((candidate) => candidate.template === template)?.info[method]
        ?.permissions;
      const { description: _description, ...rest } = rule ?? {};
      return rest;
    };
    const differing = routesOf(version).filter(
      (route) =>
        JSON.stringify(routePermissions(route, simVersion)) !==
        JSON.stringify(schemaRule(route.method, route.path)),
    );
    expect(differing.map((route) => `${route.method} ${route.path}`)).toEqual([]);
    expect(vncWebsocketPermissions).toEqual(schemaRule("GET", "/nodes/{node}/qemu/{vmid}/vncwebsocket"));
  });

  it("every client method was exercised, so none escapes the checks below", () => {
    const expected = apis.flatMap(([area, prototype]) =>
      publicMethods(prototype).map((name) => `${area}.${name}`),
    );
    const missed = expected.filter((name) => !called.has(name) && !offline.has(name.split(".")[1]!));
    expect(missed).toEqual([]);
  });

  it.each(versions)("every request the client sent is valid for PVE %s", (version) => {
    const schema = loadPveSchema(version)!;
    expect(exchanges.length).toBeGreaterThan(40);
    const problems = exchangesOf(version).flatMap((exchange) =>
      validateRequest(schema, exchange.method, exchange.path, exchange.params),
    );
    expect(problems).toEqual([]);
  });

  it.each(versions)("every answer the simulator gave matches PVE %s's return schema", (version) => {
    const schema = loadPveSchema(version)!;
    const answered = exchangesOf(version).filter((exchange) => exchange.status === 200);
    const problems = answered.flatMap((exchange) =>
      validateReturn(schema, exchange.method, exchange.path, exchange.data),
    );
    expect(problems).toEqual([]);
  });

  it.each(versions)("every route the simulator serves exists in PVE %s", (version) => {
    const schema = loadPveSchema(version)!;
    const missing = routesOf(version).filter(
      (route) =>
        !schema.routes.some((candidate) => candidate.template === route.path && candidate.info[route.method]),
    );
    expect(missing.map((route) => `${route.method} ${route.path}`)).toEqual([]);
  });

  it("the simulator refuses, as PVE does, an unknown parameter and a missing required one on every route", async () => {
    const schema = loadPveSchema("9.1.3")!;
    const sample: Record<string, string> = {
      node: "pve1",
      vmid: "9000",
      upid: "UPID:pve1:00000001:00000001:00000001:qmstart:100:x@pve!y:",
      snapname: "snap1",
      storage: "local",
    };
    const failures: string[] = [];
    for (const route of simRoutes) {
      const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(sample[name]!));
      const info = schema.routes.find((candidate) => candidate.template === route.path)!.info[route.method]!;
      const required = Object.entries(info.parameters?.properties ?? {})
        .filter(([name, property]) => !property.optional && !route.path.includes(`{${name}}`))
        .map(([name]) => name);
      const unknown = await simRequest(cluster.sim, route.method, path, {
        "no-such-parameter": "1",
      });
      if (unknown.status !== 400 || !unknown.errors?.["no-such-parameter"])
        failures.push(`${route.method} ${route.path}: accepted an unknown parameter`);
      for (const name of required) {
        if (unknown.errors?.[name] !== "property is missing and it is not optional")
          failures.push(`${route.method} ${route.path}: did not demand ${name}`);
      }
    }
    expect(failures).toEqual([]);
  });
});
