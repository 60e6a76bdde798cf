import { getDb } from "@/db/client";
import { clusters, type NewVm, vms } from "@/db/schema";

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
