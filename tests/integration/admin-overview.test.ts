import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { countVmsByState, portalUsageByCluster } from "@/db/queries/vms";
import { clusters } from "@/db/schema";
import { installProxmoxClient } from "@/lib/clusters/client-registry";
import { clusterHealth } from "@/lib/clusters/cluster-health";
import { createTestDatabase, type TestDatabase } from "../helpers/database";
import { createTestVm } from "../helpers/fixtures";
import { startTestCluster, type TestCluster } from "../helpers/pve-sim";
import { createUserWithSession } from "../helpers/session";

let database: TestDatabase;
let cluster: TestCluster;
beforeAll(async () => {
  database = await createTestDatabase();
  cluster = await startTestCluster();
  await getDb()
    .insert(clusters)
    .values([
      {
        id: "sim",
        name: "Lab",
        apiUrls: [cluster.sim.url],
        tokenId: cluster.tokenId,
        tokenSecretEncrypted: "",
      },
      {
        id: "gone",
        name: "Gone",
        apiUrls: ["https://127.0.0.1:9"],
        tokenId: "x@pve!y",
        tokenSecretEncrypted: "",
      },
    ]);
  installProxmoxClient("sim", cluster.client);
});
afterAll(async () => {
  installProxmoxClient("sim", undefined);
  await cluster.close();
  await database.drop();
});

describe("the admin overview", () => {
  it("shows each cluster's nodes with their load, capacity, and what portal VMs hold", async () => {
    const owner = await createUserWithSession("olga", "member");
    await createTestVm({
      clusterId: "sim",
      ownerId: owner.id,
      name: "a",
      cores: 2,
      memoryMb: 2048,
      diskGb: 20,
    });
    await createTestVm({
      clusterId: "sim",
      ownerId: owner.id,
      name: "b",
      cores: 4,
      memoryMb: 4096,
      diskGb: 40,
      state: "stopped",
    });
    cluster.sim.setFaults({ offlineNodes: ["pve3"] });
    // Clusters come in name order.
    const [gone, lab] = await clusterHealth();
    // An offline node reports no figures, so it adds no capacity.
    expect(lab).toMatchObject({ name: "Lab", reachable: true, capacity: { cores: 32 } });
    expect(lab!.nodes.map((node) => [node.node, node.online])).toEqual([
      ["pve1", true],
      ["pve2", true],
      ["pve3", false],
    ]);
    expect(lab!.nodes[0]!.memoryTotal).toBe(64 * 1024 ** 3);
    expect(gone).toMatchObject({ name: "Gone", reachable: false, error: expect.any(String) });
    expect((await portalUsageByCluster()).get("sim")).toEqual({
      vms: 2,
      cores: 6,
      memoryMb: 6144,
      diskGb: 60,
    });
    expect(await countVmsByState()).toEqual({ running: 1, stopped: 1 });
    expect(lab!.privilegeGaps).toEqual([]);
  });

  it("tells admins, per cluster, each privilege its token lacks and the pveum commands that grant it", async () => {
    const { PORTAL_ROLE, portalPrivileges } = await import("@/lib/proxmox/portal-access");
    const all = portalPrivileges(9);
    await cluster.admin.access.updateRole(
      PORTAL_ROLE,
      all.filter((privilege) => privilege !== "VM.Snapshot"),
    );
    const { clusterPrivilegeReport, describeMissing } = await import("@/lib/clusters/privilege-report");
    try {
      const lines = describeMissing(await clusterPrivilegeReport("sim", cluster.client));
      expect(lines).toEqual([
        expect.stringMatching(
          /missing VM\.Snapshot on \/pool\/roost- — run: pveum role modify RoostPortal --privs VM\.Snapshot --append 1 && pveum acl modify \/pool/,
        ),
      ]);
    } finally {
      await cluster.admin.access.updateRole(PORTAL_ROLE, all);
    }
  });
});
