import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as dnsmasqExport } from "@/app/api/ipam/export/dnsmasq/route";
import { GET as hostsExport } from "@/app/api/ipam/export/hosts/route";
import { GET as keaExport } from "@/app/api/ipam/export/kea/route";
import { GET as zoneExport } from "@/app/api/ipam/export/zones/[zone]/route";
import { GET as zoneListExport } from "@/app/api/ipam/export/zones/route";
import { insertAddress } from "@/db/queries/ip-addresses";
import { createTestDatabase, type TestDatabase } from "../helpers/database";
import { createTestCluster, createTestVm } from "../helpers/fixtures";
import { createTestPool, findTool, mustRunToolChecks } from "../helpers/ipam";
import { actAs, createUserWithSession } from "../helpers/session";

const TOKEN = "export-token-0123456789abcdef0123456789abcdef";
process.env.ROOST_EXPORT_TOKEN = TOKEN;

let database: TestDatabase;
let folder: string;
let people: Record<"member" | "auditor" | "admin", Awaited<ReturnType<typeof createUserWithSession>>>;

beforeAll(async () => {
  database = await createTestDatabase();
  folder = mkdtempSync(path.join(tmpdir(), "roost-ipam-"));
  await createTestCluster("sim");
  people = {
    member: await createUserWithSession("mia", "member"),
    auditor: await createUserWithSession("otto", "auditor"),
    admin: await createUserWithSession("ada", "admin"),
  };
  const lab = await createTestPool({
    vlan: 70,
    cidr: "10.70.0.0/24",
    gateway: "10.70.0.1",
    rangeStart: "10.70.0.10",
    rangeEnd: "10.70.0.99",
    dnsServers: ["10.70.0.2"],
    domain: "lab.example.org",
  });
  const big = await createTestPool({
    vlan: 71,
    cidr: "10.71.0.0/23",
    gateway: "10.71.0.1",
    rangeStart: "10.71.0.10",
    rangeEnd: "10.71.1.250",
    dnsServers: ["10.71.0.2", "10.71.0.3"],
    domain: "big.example.org",
  });
  const lease = async (poolId: string, name: string, address: string, macAddress: string | null) => {
    const vm = await createTestVm({ clusterId: "sim", ownerId: people.member.id, name, macAddress });
    await insertAddress({ poolId, address, hostname: name, vmId: vm.id });
  };
  await lease(lab.pool.id, "web", "10.70.0.10", "bc:24:11:00:00:0a");
  await lease(lab.pool.id, "db", "10.70.0.11", "bc:24:11:00:00:0b");
  await lease(lab.pool.id, "booting", "10.70.0.12", null);
  await lease(big.pool.id, "build", "10.71.1.7", "bc:24:11:00:01:07");
});
afterAll(async () => {
  rmSync(folder, { recursive: true, force: true });
  await database.drop();
});

const get = (url: string, headers: Record<string, string> = {}) =>
  new Request(`http://localhost${url}`, { headers });
const withToken = (url: string) => get(url, { authorization: `Bearer ${TOKEN}` });
const zone = (name: string) =>
  zoneExport(withToken(`/api/ipam/export/zones/${name}`), {
    params: Promise.resolve({ zone: name }),
  });

/** Runs a checker; outside CI a missing tool skips the check, in CI it fails the test. */
function check(tool: string, args: string[]): { status: number | null; output: string } | null {
  const found = findTool(tool);
  if (!found) {
    if (mustRunToolChecks) throw new Error(`${tool} is not installed; .ci/run installs it`);
    return null;
  }
  const run = spawnSync(found, args, { encoding: "utf8" });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

describe("who may read the exports", () => {
  const routes = [
    ["dnsmasq", dnsmasqExport],
    ["kea", keaExport],
    ["hosts", hostsExport],
    ["zones", zoneListExport],
  ] as const;

  it.each(routes)(
    "%s: anonymous callers 401, members 404, auditors and admins 200",
    async (name, handler) => {
      const url = `/api/ipam/export/${name}`;
      actAs(null);
      expect((await handler(get(url))).status).toBe(401);
      actAs(people.member);
      expect((await handler(get(url))).status).toBe(404);
      for (const caller of [people.auditor, people.admin]) {
        actAs(caller);
        expect((await handler(get(url))).status).toBe(200);
      }
    },
  );

  it.each(routes)(
    "%s: the export token opens it without a session, a wrong token does not",
    async (name, handler) => {
      const url = `/api/ipam/export/${name}`;
      actAs(null);
      expect((await handler(withToken(url))).status).toBe(200);
      expect((await handler(get(url, { authorization: `Bearer ${TOKEN}x` }))).status).toBe(401);
      expect((await handler(get(url, { authorization: "Basic abc" }))).status).toBe(401);
      // A member's session does not make a wrong token right.
      actAs(people.admin);
      expect((await handler(get(url, { authorization: "Bearer nope" }))).status).toBe(401);
    },
  );
});

describe("the dnsmasq export", () => {
  it("has a dhcp-host line per VM whose MAC is known, which dnsmasq accepts", async () => {
    const text = await (await dnsmasqExport(withToken("/api/ipam/export/dnsmasq"))).text();
    expect(text.split("\n").filter((line) => line.startsWith("dhcp-host="))).toEqual([
      "dhcp-host=bc:24:11:00:01:07,10.71.1.7,build",
      "dhcp-host=bc:24:11:00:00:0a,10.70.0.10,web",
      "dhcp-host=bc:24:11:00:00:0b,10.70.0.11,db",
    ]);
    const exported = path.join(folder, "roost-hosts.conf");
    writeFileSync(exported, text);
    const main = path.join(folder, "dnsmasq.conf");
    writeFileSync(main, `port=0\ndhcp-range=10.70.0.10,10.70.0.99,12h\nconf-file=${exported}\n`);
    const checked = check("dnsmasq", ["--test", `--conf-file=${main}`]);
    if (checked === null) return;
    expect(checked).toMatchObject({ status: 0, output: expect.stringMatching(/syntax check OK/) });

    // The check is real: dnsmasq refuses a line it cannot read.
    writeFileSync(exported, `${text}dhcp-host=zz:24:11:00:00:0c,10.70.0.13,bad\n`);
    expect(check("dnsmasq", ["--test", `--conf-file=${main}`])?.status).not.toBe(0);
  });
});

describe("the Kea export", () => {
  it("lists reservations per subnet, which kea-dhcp4 accepts", async () => {
    const response = await keaExport(withToken("/api/ipam/export/kea"));
    const exported = (await response.json()) as { subnet4: object[] };
    expect(exported).toEqual({
      subnet4: [
        {
          subnet: "10.71.0.0/23",
          reservations: [
            {
              "hw-address": "bc:24:11:00:01:07",
              "ip-address": "10.71.1.7",
              hostname: "build.big.example.org",
            },
          ],
        },
        {
          subnet: "10.70.0.0/24",
          reservations: [
            {
              "hw-address": "bc:24:11:00:00:0a",
              "ip-address": "10.70.0.10",
              hostname: "web.lab.example.org",
            },
            { "hw-address": "bc:24:11:00:00:0b", "ip-address": "10.70.0.11", hostname: "db.lab.example.org" },
          ],
        },
      ],
    });
    const config = path.join(folder, "kea-dhcp4.json");
    const dhcp4 = {
      "interfaces-config": { interfaces: [] },
      "lease-database": { type: "memfile", persist: false },
      subnet4: exported.subnet4,
    };
    writeFileSync(config, JSON.stringify({ Dhcp4: dhcp4 }));
    const checked = check("kea-dhcp4", ["-t", config]);
    if (checked === null) return;
    expect(checked.status, checked.output).toBe(0);

    // The check is real: Kea refuses a reservation outside its subnet.
    const [first] = exported.subnet4 as { subnet: string }[];
    writeFileSync(
      config,
      JSON.stringify({ Dhcp4: { ...dhcp4, subnet4: [{ ...first, subnet: "192.0.2.0/24" }] } }),
    );
    expect(check("kea-dhcp4", ["-t", config])?.output).toMatch(/not within the IPv4 subnet/);
  });
});

describe("the hosts export", () => {
  it("names every address in use, MAC known or not", async () => {
    const text = await (await hostsExport(withToken("/api/ipam/export/hosts"))).text();
    expect(text.split("\n").filter((line) => /^\d/.test(line))).toEqual([
      "10.71.1.7\tbuild.big.example.org\tbuild",
      "10.70.0.10\tweb.lab.example.org\tweb",
      "10.70.0.11\tdb.lab.example.org\tdb",
      "10.70.0.12\tbooting.lab.example.org\tbooting",
    ]);
  });
});

describe("the DNS zones", () => {
  it("are listed: each pool's domain and its reverse zone", async () => {
    const response = await zoneListExport(withToken("/api/ipam/export/zones"));
    const { zones } = (await response.json()) as { zones: { name: string }[] };
    expect(zones.map((entry) => entry.name)).toEqual([
      "big.example.org",
      "lab.example.org",
      "71.10.in-addr.arpa",
      "0.70.10.in-addr.arpa",
    ]);
  });

  it.each([
    [
      "lab.example.org",
      [
        "ns\tIN\tA\t10.70.0.2",
        "web\tIN\tA\t10.70.0.10",
        "db\tIN\tA\t10.70.0.11",
        "booting\tIN\tA\t10.70.0.12",
      ],
    ],
    ["big.example.org", ["ns\tIN\tA\t10.71.0.2", "build\tIN\tA\t10.71.1.7"]],
    [
      "0.70.10.in-addr.arpa",
      [
        "10\tIN\tPTR\tweb.lab.example.org.",
        "11\tIN\tPTR\tdb.lab.example.org.",
        "12\tIN\tPTR\tbooting.lab.example.org.",
      ],
    ],
    ["71.10.in-addr.arpa", ["7.1\tIN\tPTR\tbuild.big.example.org."]],
  ])("%s has SOA, NS and its records, and named-checkzone loads it", async (name, records) => {
    const response = await zone(name);
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).toMatch(/\tIN\tSOA\tns\.(lab|big)\.example\.org\. hostmaster\./);
    expect(text).toMatch(/@\tIN\tNS\tns\.(lab|big)\.example\.org\./);
    for (const record of records) expect(text).toContain(`${record}\n`);
    const file = path.join(folder, `${name}.zone`);
    writeFileSync(file, text);
    const checked = check("named-checkzone", [name, file]);
    if (checked)
      expect(checked).toMatchObject({ status: 0, output: expect.stringMatching(/loaded serial \d+\nOK/) });
  });

  it("answers 404 for a zone no pool makes", async () => {
    expect((await zone("example.com")).status).toBe(404);
  });
});
