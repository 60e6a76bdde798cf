import { z } from "zod";
import type { Transport } from "./transport";
import type { Params } from "./wire";

// Written from PVE's API schema: pve-manager API2/VZDump.pm, pve-storage API2/Storage/Content.pm and
// FileRestore.pm, qemu-server API2/Qemu.pm create_vm with `archive`.
const num = z.coerce.number();
const flag = z
  .union([z.boolean(), z.number(), z.string()])
  .transform((value) => value === true || value === 1 || value === "1")
  .optional();

export const backupVolumeSchema = z.looseObject({
  volid: z.string(),
  format: z.string().optional(),
  size: num,
  ctime: num.optional(),
  vmid: num.optional(),
  /** Only the first line in a listing. */
  notes: z.string().optional(),
  protected: flag,
  subtype: z.string().optional(),
  encrypted: z.string().optional(),
  verification: z.looseObject({ state: z.string(), upid: z.string().optional() }).optional(),
});
export type BackupVolume = z.infer<typeof backupVolumeSchema>;

const volumeAttributesSchema = z.looseObject({
  format: z.string().optional(),
  size: num,
  used: num.optional(),
  path: z.string().optional(),
  notes: z.string().optional(),
  protected: flag,
});
export type VolumeAttributes = z.infer<typeof volumeAttributesSchema>;

export const fileRestoreEntrySchema = z.looseObject({
  /** base64 of the entry's path inside the backup. */
  filepath: z.string(),
  text: z.string(),
  /** `d` directory, `f` file, `l` link, `v` virtual (a disk or partition), as proxmox-file-restore says. */
  type: z.string(),
  leaf: flag,
  size: num.optional(),
  mtime: num.optional(),
});
export type FileRestoreEntry = z.infer<typeof fileRestoreEntrySchema>;

export interface VzdumpRequest {
  vmid: number;
  storage: string;
  mode: "snapshot" | "suspend" | "stop";
  /** Ignored by PBS storages, which compress on their own. */
  compress?: "0" | "1" | "gzip" | "lzo" | "zstd";
  notesTemplate?: string;
  protected?: boolean;
}

export interface RestoreRequest {
  vmid: number;
  archive: string;
  /** Where the restored disks go; by default where the backup says they were. */
  storage?: string;
  pool?: string;
  /** Over an existing VM: it must be stopped. */
  force?: boolean;
  /** New MAC addresses, so a copy does not clash with the original. */
  unique?: boolean;
  /** Options the restored config takes instead of the backup's (name, tags…); never disks. */
  overrides?: Params;
}

const base64 = (path: string) => Buffer.from(path, "utf8").toString("base64");

/** vzdump's notes-template expands `{{guestname}}` and friends and reads `\n` and `\\`; plain text is escaped. */
export function notesTemplateFor(text: string): string | null {
  if (text.includes("{{")) return null;
  return text.replaceAll("\\", "\\\\").replaceAll("\n", "\\n");
}

/** Backups, their volumes and restores on one cluster. */
export class BackupApi {
  constructor(private readonly transport: Transport) {}

  /** Starts a vzdump of one VM; returns the task's UPID. `remove=0`: the portal prunes by its own rules. */
  async vzdump(node: string, request: VzdumpRequest): Promise<string> {
    const answer = await this.transport.call("POST", `/nodes/${node}/vzdump`, {
      vmid: String(request.vmid),
      storage: request.storage,
      mode: request.mode,
      compress: request.compress,
      "notes-template": request.notesTemplate,
      protected: request.protected,
      remove: false,
    });
    return z.string().parse(answer);
  }

  async volumes(node: string, storage: string, { vmid }: { vmid?: number } = {}): Promise<BackupVolume[]> {
    const answer = await this.transport.call("GET", `/nodes/${node}/storage/${storage}/content`, {
      content: "backup",
      vmid,
    });
    return z.array(backupVolumeSchema).parse(answer);
  }

  private volumePath(node: string, storage: string, volid: string) {
    return `/nodes/${node}/storage/${storage}/content/${encodeURIComponent(volid)}`;
  }

  async volume(node: string, storage: string, volid: string): Promise<VolumeAttributes> {
    return volumeAttributesSchema.parse(
      await this.transport.call("GET", this.volumePath(node, storage, volid)),
    );
  }

  async updateVolume(
    node: string,
    storage: string,
    volid: string,
    change: { notes?: string; protected?: boolean },
  ): Promise<void> {
    await this.transport.call("PUT", this.volumePath(node, storage, volid), change);
  }

  /** Removes a backup volume; PVE refuses a protected one. Returns a UPID when it runs as a task. */
  async deleteVolume(node: string, storage: string, volid: string): Promise<string | null> {
    const answer = await this.transport.call("DELETE", this.volumePath(node, storage, volid));
    return typeof answer === "string" && answer.startsWith("UPID:") ? answer : null;
  }

  /** The VM config inside a backup, as qm.conf text. */
  async extractConfig(node: string, volume: string): Promise<string> {
    return z
      .string()
      .parse(await this.transport.call("GET", `/nodes/${node}/vzdump/extractconfig`, { volume }));
  }

  /** qmrestore through create_vm: a new VM from the archive, or over an existing one with `force`. */
  async restore(node: string, request: RestoreRequest): Promise<string> {
    const answer = await this.transport.call("POST", `/nodes/${node}/qemu`, {
      ...request.overrides,
      vmid: request.vmid,
      archive: request.archive,
      storage: request.storage,
      pool: request.pool,
      force: request.force,
      unique: request.unique,
    });
    return z.string().parse(answer);
  }

  /** One folder of a PBS backup (`/` for its disks); `path` is plain, the wire carries it in base64. */
  async listFiles(node: string, storage: string, volume: string, path: string): Promise<FileRestoreEntry[]> {
    const answer = await this.transport.call("GET", `/nodes/${node}/storage/${storage}/file-restore/list`, {
      volume,
      filepath: path === "/" ? "/" : base64(path),
    });
    return z.array(fileRestoreEntrySchema).parse(answer);
  }

  /** A file, or a folder as a zip; `path` is plain. */
  async downloadFile(node: string, storage: string, volume: string, path: string) {
    return this.transport.download(`/nodes/${node}/storage/${storage}/file-restore/download`, {
      volume,
      filepath: base64(path),
    });
  }
}
