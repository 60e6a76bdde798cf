import { getDb } from "@/db/client";
import { insertTemplates, listEnabledTemplates } from "@/db/queries/templates";
import { clusters, type NewVm, type Template, vms } from "@/db/schema";

/** A cluster row for tests that need VM records; its secret is a placeholder, never used to connect. */
export async function createTestCluster(id = "test-cluster") {
  const [cluster] = await getDb()
    .insert(clusters)
    .values({
      id,
      name: id,
      apiUrls: ["https://127.0.0.1:8006"],
      tokenId: "roost@pve!test",
      tokenSecretEncrypted: "x",
    })
    .onConflictDoNothing()
    .returning();
  return cluster;
}

export async function createTestVm(vm: Partial<NewVm> & Pick<NewVm, "ownerId">) {
  const [row] = await getDb()
    .insert(vms)
    .values({
      clusterId: "test-cluster",
      name: "vm",
      cores: 1,
      memoryMb: 1024,
      diskGb: 10,
      state: "running",
      ...vm,
    })
    .returning();
  return row!;
}

/** The simulator's Debian 13 cloud template (VM 9000 on pve1), approved on a cluster: its catalog row. */
export async function approveDebianTemplate(clusterId = "sim"): Promise<Template> {
  await insertTemplates([
    {
      clusterId,
      node: "pve1",
      vmid: 9000,
      label: "Debian 13",
      os: "Linux",
      defaultUser: "debian",
      minDiskGb: 3,
      cloneMode: "full",
    },
  ]);
  return (await listEnabledTemplates()).find((template) => template.clusterId === clusterId)!;
}
