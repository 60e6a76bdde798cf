import "server-only";
import { Readable } from "node:stream";
import { getBackupStorage } from "@/db/queries/backups";
import type { Person } from "@/lib/authz/vm-access";
import { getProxmoxClient } from "@/lib/clusters/client-registry";
import { conflict, isDomainError, notFound } from "@/lib/errors";
import { message } from "@/lib/i18n/message";
import { isProxmoxError } from "@/lib/proxmox";
import { allowsFileRestore } from "./backup-storages";
import { explainProxmox, keptBackup } from "./owned-backup";

export interface BackupFileEntry {
  name: string;
  /** The entry's path inside the backup, plain (the wire's base64 decoded). */
  path: string;
  kind: "directory" | "file" | "link" | "disk" | "other";
  /** True when it has nothing inside to browse. */
  leaf: boolean;
  size: number | null;
  modifiedAt: Date | null;
}

// proxmox-file-restore's entry types: d directory, f file, l symlink, v virtual (a disk or partition).
const kinds: Record<string, BackupFileEntry["kind"]> = { d: "directory", f: "file", l: "link", v: "disk" };

/** Taking files back out of a backup is restoring them: the person needs "restore" on its VM. */
async function openable(backupId: string, person: Person) {
  const backup = await keptBackup(person, backupId, "restore");
  const storage = await getBackupStorage({ id: backup.storageId });
  if (!storage) throw notFound();
  if (!allowsFileRestore(storage)) throw conflict(message("errors.backups.filesNeedPbs"));
  return { backup, storage, client: await getProxmoxClient(backup.clusterId) };
}

const saysNoSuchPath = (error: unknown) =>
  isProxmoxError(error) &&
  /no such file|not found|does not exist/i.test(`${error.reason ?? ""} ${error.message}`);

/** One folder of a backup's file tree (`/` lists its disks), for those who may restore its VM. */
export async function listBackupFiles({
  backupId,
  person,
  path,
}: {
  backupId: string;
  person: Person;
  path: string;
}): Promise<BackupFileEntry[]> {
  const { backup, storage, client } = await openable(backupId, person);
  try {
    const entries = await client.backups.listFiles(backup.node, storage.storage, backup.volid, path);
    return entries.map((entry) => {
      const entryPath = Buffer.from(entry.filepath, "base64").toString("utf8");
      return {
        name: entry.text,
        path: entryPath.startsWith("/") ? entryPath : `/${entryPath}`,
        kind: kinds[entry.type] ?? "other",
        leaf: entry.leaf ?? entry.type === "f",
        size: entry.size ?? null,
        modifiedAt: entry.mtime ? new Date(entry.mtime * 1000) : null,
      };
    });
  } catch (error) {
    if (saysNoSuchPath(error)) throw notFound(message("errors.backups.noSuchPath"));
    explainProxmox(error);
  }
}

/** A file of a backup, or a folder as a zip, streamed from Proxmox as it comes. */
export async function downloadBackupFile({
  backupId,
  person,
  path,
}: {
  backupId: string;
  person: Person;
  path: string;
}): Promise<{ body: ReadableStream<Uint8Array>; fileName: string; contentType: string; vmId: string }> {
  const { backup, storage, client } = await openable(backupId, person);
  const parts = path.split("/").filter(Boolean);
  const name = parts.at(-1);
  if (!name) throw notFound(message("errors.backups.noSuchPath"));
  try {
    // Proxmox sends a file and a zipped folder alike as octet-stream: the parent's listing says which.
    const parent = `/${parts.slice(0, -1).join("/")}`;
    const siblings = await client.backups.listFiles(backup.node, storage.storage, backup.volid, parent);
    const entry = siblings.find((candidate) => candidate.text === name);
    if (!entry || entry.type === "v") throw notFound(message("errors.backups.notAFileOrFolder"));
    const answer = await client.backups.downloadFile(backup.node, storage.storage, backup.volid, path);
    const folder = entry.type === "d";
    return {
      body: Readable.toWeb(answer.body) as ReadableStream<Uint8Array>,
      fileName: answer.fileName ?? (folder ? `${name}.zip` : name),
      contentType: folder ? "application/zip" : (answer.contentType ?? "application/octet-stream"),
      vmId: backup.vmId,
    };
  } catch (error) {
    if (saysNoSuchPath(error)) throw notFound(message("errors.backups.noSuchPath"));
    if (isDomainError(error)) throw error;
    explainProxmox(error);
  }
}
