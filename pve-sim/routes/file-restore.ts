import { checkVolumeAccess } from "../access/vm-checks";
import { SimError } from "../errors";
import { nodeDef, type ParamDefs } from "../params";
import { type Route, type RouteContext, SimDownload } from "../router";
import { storageConfig } from "../state/backup-volumes";
import { diskSizeGb, isDisk } from "../state/config-strings";
import { filesBelow, listDirectory, normalizeGuestPath } from "../state/guest-files";
import type { BackupImage } from "../state/model";
import { zip } from "../state/zip";

const GiB = 1024 ** 3;

const fileRestoreParams: ParamDefs = {
  node: nodeDef,
  storage: { type: "string", format: "pve-storage-id" },
  volume: { type: "string" },
  filepath: { type: "string" },
};

const paramError = (errors: Record<string, string>) =>
  new SimError(400, "Parameter verification failed.", errors);

/** FileRestore.pm `$parse_volname_or_id`: a volume id, `backup/…`, or the bare snapshot name. */
function volumeId(storeid: string, volume: string): string {
  const sid = /^([a-z][a-z0-9\-_.]*[a-z0-9]):/i.exec(volume)?.[1];
  if (sid) {
    if (sid !== storeid) throw paramError({ volume: `storage ID mismatch (${sid} != ${storeid}).` });
    return volume;
  }
  return volume.startsWith("backup/") ? `${storeid}:${volume}` : `${storeid}:backup/${volume}`;
}

/** The checks both methods make, in FileRestore.pm's order: the volume's read access, then PBS only. */
function readableSnapshot({ cluster, path, params, perm }: RouteContext): BackupImage {
  cluster.node(path.node!);
  const storeid = path.storage!;
  const volid = volumeId(storeid, params.volume!);
  const storage = storageConfig(cluster, storeid);
  checkVolumeAccess(perm, undefined, volid, "backup");
  if (storage.type !== "pbs") throw paramError({ storage: "Only PBS storages supported for file-restore." });
  const image = cluster.state.volumes.find((volume) => volume.volid === volid)?.backup;
  if (!image) throw new SimError(500, `backup snapshot '${volid}' does not exist`);
  return image;
}

function decodePath(filepath: string): string {
  return filepath === "/" ? "/" : Buffer.from(filepath, "base64").toString("utf8");
}

interface Entry {
  filepath: string;
  text: string;
  type: string;
  leaf: number;
  size?: number;
  mtime?: number;
}

/**
 * pbs-api-types ArchiveEntry: the path base64-encoded, its last component as text, `v` for the virtual
 * levels (archives, partition buckets), `d` and `f` inside a file system; only files are leaves.
 */
function entry(path: string, type: "v" | "d" | "f", size?: number, mtime?: number): Entry {
  return {
    filepath: Buffer.from(path, "utf8").toString("base64"),
    text: path.split("/").at(-1) ?? "",
    type,
    leaf: type === "f" ? 1 : 0,
    ...(size !== undefined ? { size } : {}),
    ...(mtime !== undefined ? { mtime } : {}),
  };
}

function disks(image: BackupImage) {
  return Object.entries(image.config)
    .filter(([key, value]) => isDisk(key, value))
    .map(([key, value]) => ({
      archive: `drive-${key}.img.fidx`,
      bytes: Math.round(diskSizeGb(value) * GiB),
    }));
}

type Resolved =
  | { kind: "meta"; entries: Entry[] }
  | { kind: "guest"; archivePath: string; guestPath: string };

/**
 * proxmox-file-restore and its restore daemon's disk resolver: `/` lists the snapshot's image archives,
 * an archive its bucket types (`part`), `part` its partitions, and a partition is a file system root.
 * The simulated guest has one partition on its first disk holding its files.
 */
function resolve(image: BackupImage, path: string): Resolved {
  const parts = path.split("/").filter(Boolean);
  const images = disks(image);
  if (parts.length === 0)
    return { kind: "meta", entries: images.map((d) => entry(`/${d.archive}`, "v", d.bytes)) };
  const disk = images.find((candidate) => candidate.archive === parts[0]);
  if (!disk) throw new SimError(500, `unable to find archive '${parts[0]}'`);
  const first = disk === images[0];
  if (parts.length === 1) return { kind: "meta", entries: [entry(`/${parts[0]}/part`, "v")] };
  if (parts[1] !== "part") throw new SimError(500, `invalid bucket type '${parts[1]}'`);
  if (parts.length === 2)
    return { kind: "meta", entries: first ? [entry(`/${parts[0]}/part/1`, "d", disk.bytes)] : [] };
  if (parts[2] !== "1" || !first) throw new SimError(500, `partition '${parts[2]}' not found`);
  const archivePath = `/${parts.slice(0, 3).join("/")}`;
  return { kind: "guest", archivePath, guestPath: normalizeGuestPath(parts.slice(3).join("/")) };
}

/** The restore daemon's zip_directory: the folder itself, its subfolders and files, named from the folder down. */
function folderZip(image: BackupImage, guestPath: string): Buffer {
  const prefix = guestPath === "/" ? "" : `${guestPath.split("/").at(-1)}/`;
  const below = filesBelow(image.files, guestPath);
  const folders = new Set<string>(prefix ? [prefix] : []);
  for (const item of below) {
    const segments = item.name.split("/").slice(0, -1);
    for (let depth = 1; depth <= segments.length; depth++)
      folders.add(`${prefix}${segments.slice(0, depth).join("/")}/`);
  }
  const mtime = Math.max(0, ...below.map((item) => item.mtime));
  return zip([
    ...[...folders].sort().map((folder) => ({ name: folder, data: Buffer.alloc(0), mtime })),
    ...below.map((item) => ({
      name: `${prefix}${item.name}`,
      data: Buffer.from(item.data, "utf8"),
      mtime: item.mtime,
    })),
  ]);
}

export const fileRestoreRoutes: Route[] = [
  {
    method: "GET",
    path: "/nodes/{node}/storage/{storage}/file-restore/list",
    params: fileRestoreParams,
    permissions: { user: "all" },
    // pve-storage PVE/API2/Storage/FileRestore.pm list → proxmox-file-restore list.
    handle: (context) => {
      const image = readableSnapshot(context);
      const { params } = context;
      const resolved = resolve(image, decodePath(params.filepath ?? "/"));
      if (resolved.kind === "meta") return resolved.entries;
      const file = image.files[resolved.guestPath];
      const at = (guestPath: string) => `${resolved.archivePath}${guestPath === "/" ? "" : guestPath}`;
      if (file) return [entry(at(resolved.guestPath), "f", Buffer.byteLength(file.data), file.mtime)];
      const children = listDirectory(image.files, resolved.guestPath);
      if (!children) throw new SimError(500, "ENOENT: No such file or directory");
      return children.map((child) =>
        child.kind === "file"
          ? entry(at(child.path), "f", child.size, child.mtime)
          : entry(at(child.path), "d"),
      );
    },
  },
  {
    method: "GET",
    path: "/nodes/{node}/storage/{storage}/file-restore/download",
    params: { ...fileRestoreParams, tar: { type: "boolean", optional: true } },
    permissions: { user: "all" },
    // FileRestore.pm download: a `pbs-download` worker streams the file, or a folder as a zip.
    handle: (context) => {
      const image = readableSnapshot(context);
      const { cluster, path, params, user } = context;
      const name = decodePath(params.filepath!);
      const resolved = resolve(image, name);
      if (resolved.kind === "meta")
        throw new SimError(500, `invalid path, cannot restore meta-directory: "${name}"`);
      if (params.tar === "1") throw new SimError(501, "tar.zst downloads are not simulated");
      const file = image.files[resolved.guestPath];
      let body: Buffer;
      if (file) body = Buffer.from(file.data, "utf8");
      else {
        if (!listDirectory(image.files, resolved.guestPath))
          throw new SimError(500, `file or directory "${resolved.guestPath}" does not exist`);
        body = folderZip(image, resolved.guestPath);
      }
      cluster.startTask({
        node: path.node!,
        type: "pbs-download",
        id: "",
        user,
        durationMs: 200,
        work: () => [`Starting download of file: ${name}`],
      });
      return new SimDownload(body);
    },
  },
];
