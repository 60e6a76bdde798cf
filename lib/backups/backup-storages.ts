import "server-only";
import { getBackupStorage, listBackupStorages, saveBackupStorage } from "@/db/queries/backups";
import type { BackupStorage } from "@/db/schema";
import { getProxmoxClient } from "@/lib/clusters/client-registry";
import { invalid, notFound } from "@/lib/errors";
import { message } from "@/lib/i18n/message";
import { isProxmoxError } from "@/lib/proxmox";
import type { BackupStorageInput } from "./backup-inputs";

/** Storage types whose backups Proxmox can open file by file (pve-storage API2/Storage/FileRestore.pm). */
export const fileRestoreTypes = new Set(["pbs"]);

export const allowsFileRestore = (storage: Pick<BackupStorage, "type">) => fileRestoreTypes.has(storage.type);

/**
 * Approves a storage for members' backups after asking the cluster that it exists and takes `backup`
 * content (a PBS datastore, or a directory, NFS or CIFS storage with backup in its content).
 */
export async function approveBackupStorage(input: BackupStorageInput): Promise<BackupStorage> {
  let client: Awaited<ReturnType<typeof getProxmoxClient>>;
  try {
    client = await getProxmoxClient(input.clusterId);
  } catch {
    throw invalid(message("errors.backups.unknownCluster"), "clusterId");
  }
  let found: { type?: string; content?: string } | undefined;
  try {
    const nodes = (await client.nodes()).filter((node) => node.status === "online");
    for (const node of nodes) {
      const storages = await client.storages(node.node, { content: "backup" });
      found = storages.find((storage) => storage.storage === input.storage);
      if (found) break;
    }
  } catch (error) {
    if (isProxmoxError(error))
      throw invalid(message("errors.backups.clusterUnreachable", { reason: error.message }), "storage");
    throw error;
  }
  if (!found) throw invalid(message("errors.backups.noSuchStorage", { storage: input.storage }), "storage");
  return saveBackupStorage({ ...input, type: found.type ?? "dir" });
}

/** An approved, enabled storage of the VM's cluster, with the mode checked against those it allows. */
export async function usableStorage(
  storageId: string,
  clusterId: string,
  mode?: string,
): Promise<BackupStorage & { chosenMode: BackupStorage["modes"][number] }> {
  const storage = await getBackupStorage({ id: storageId });
  if (!storage?.enabled || storage.clusterId !== clusterId)
    throw invalid(message("errors.backups.storageUnavailable"), "storageId");
  const chosenMode = (mode ?? storage.modes[0]) as BackupStorage["modes"][number];
  if (!storage.modes.includes(chosenMode))
    throw invalid(
      message("errors.backups.modeNotAllowed", { storage: storage.label, modes: storage.modes.join(", ") }),
      "mode",
    );
  return { ...storage, chosenMode };
}

/** The storages a VM on this cluster can back up to. */
export function backupStoragesFor(clusterId: string): Promise<BackupStorage[]> {
  return listBackupStorages({ clusterId, enabledOnly: true });
}

export async function requireBackupStorage(id: string): Promise<BackupStorage> {
  const storage = await getBackupStorage({ id });
  if (!storage) throw notFound();
  return storage;
}

/** What the admins' setup page offers: every storage of the cluster that takes backups, once each. */
export async function listBackupStorageCandidates(
  clusterId: string,
): Promise<{ storage: string; type: string; shared: boolean; nodes: string[] }[]> {
  const client = await getProxmoxClient(clusterId);
  const found = new Map<string, { storage: string; type: string; shared: boolean; nodes: string[] }>();
  const nodes = (await client.nodes()).filter((node) => node.status === "online");
  for (const node of nodes) {
    for (const storage of await client.storages(node.node, { content: "backup" })) {
      const entry = found.get(storage.storage) ?? {
        storage: storage.storage,
        type: storage.type ?? "dir",
        shared: storage.shared ?? false,
        nodes: [],
      };
      entry.nodes.push(node.node);
      found.set(storage.storage, entry);
    }
  }
  return [...found.values()].sort((a, b) => a.storage.localeCompare(b.storage));
}
