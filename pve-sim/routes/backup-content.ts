import { checkVolumeAccess } from "../access/vm-checks";
import type { SimCluster } from "../cluster";
import { SimError } from "../errors";
import { nodeDef, type ParamDefs } from "../params";
import type { Route } from "../router";
import { backupOwner, findVolume, realVolumeId, storageConfig } from "../state/backup-volumes";
import type { SimStorage, SimVolume } from "../state/model";

const volumePath: ParamDefs = {
  node: nodeDef,
  storage: { type: "string", optional: true, format: "pve-storage-id" },
  volume: { type: "string" },
};

/** The path PVE::Storage::path gives: a file under the storage's directory, PBSPlugin.pm's artificial URL. */
function volumeFilePath(storage: SimStorage, volname: string): string {
  if (storage.type === "pbs")
    return `pbs://root@pam@pbs.example:datastore/${volname.replace(/^backup\//, "")}`;
  const [kind, ...rest] = volname.split("/");
  const dir = { backup: "dump", iso: "template/iso", vztmpl: "template/cache" }[kind ?? ""] ?? kind;
  return `/var/lib/vz/${dir}/${rest.join("/")}`;
}

/** Storage.pm get_max_protected_backups: 5 per guest, unlimited for who may Datastore.Allocate. */
function checkProtectedLimit(cluster: SimCluster, volume: SimVolume, unlimited: boolean) {
  if (unlimited || volume.protected) return;
  const count = cluster.state.volumes.filter(
    (other) =>
      other.storage === volume.storage &&
      other.content === "backup" &&
      other.vmid === volume.vmid &&
      other.protected,
  ).length;
  if (count >= 5)
    throw new SimError(
      500,
      `The number of protected backups per guest is limited to 5 on storage '${volume.storage}'`,
    );
}

async function settledWithin(cluster: SimCluster, upid: string, seconds: number): Promise<string | null> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const task = cluster.state.tasks.find((candidate) => candidate.upid === upid);
    if (task?.status === "stopped") {
      const status = task.exitstatus ?? "unexpected status";
      if (status === "OK" || status.startsWith("WARNINGS: ")) return null;
      throw new SimError(500, status);
    }
    if (Date.now() >= deadline) return upid;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export const backupContentRoutes: Route[] = [
  {
    method: "GET",
    path: "/nodes/{node}/storage/{storage}/content/{volume}",
    params: volumePath,
    permissions: { user: "all" },
    // pve-storage PVE/API2/Storage/Content.pm info: read access, then size, format and the attributes.
    handle: ({ cluster, path, perm }) => {
      cluster.node(path.node!);
      const { volid, storeid } = realVolumeId(path.storage, path.volume!);
      const storage = storageConfig(cluster, storeid);
      checkVolumeAccess(perm, undefined, volid);
      const volume = findVolume(cluster, volid);
      const volname = volid.slice(storeid.length + 1);
      return {
        path: volumeFilePath(storage, volname),
        size: volume.size,
        used: volume.size,
        format: volume.format,
        ...(volume.notes ? { notes: volume.notes } : {}),
        // DirPlugin.pm get_volume_attribute answers 0 or 1 for a backup; PBS its snapshot's flag.
        ...(volume.content === "backup" ? { protected: volume.protected ? 1 : 0 } : {}),
      };
    },
  },
  {
    method: "PUT",
    path: "/nodes/{node}/storage/{storage}/content/{volume}",
    params: {
      ...volumePath,
      notes: { type: "string", optional: true },
      protected: { type: "boolean", optional: true },
    },
    permissions: { user: "all" },
    // Content.pm updateattributes → Storage.pm update_volume_attribute → DirPlugin.pm / PBSPlugin.pm.
    handle: ({ cluster, path, params, perm, user }) => {
      cluster.node(path.node!);
      const { volid, storeid } = realVolumeId(path.storage, path.volume!);
      storageConfig(cluster, storeid);
      checkVolumeAccess(perm, undefined, volid);
      const volume = findVolume(cluster, volid);
      if (params.notes !== undefined) {
        if (volume.content !== "backup") throw new SimError(500, "only backups can have notes");
        volume.notes = params.notes === "" ? undefined : params.notes;
      }
      if (params.protected !== undefined) {
        if (volume.content !== "backup")
          throw new SimError(500, "only backups support attribute 'protected'");
        if (params.protected === "1")
          checkProtectedLimit(
            cluster,
            volume,
            user === "root@pam" || perm.allowed(`/storage/${storeid}`, ["Datastore.Allocate"]),
          );
        volume.protected = params.protected === "1" || undefined;
      }
      return null;
    },
  },
  {
    method: "DELETE",
    path: "/nodes/{node}/storage/{storage}/content/{volume}",
    params: { ...volumePath, delay: { type: "integer", optional: true, minimum: 1, maximum: 30 } },
    permissions: { user: "all" },
    // Content.pm delete: a guest's backup needs AllocateSpace and the guest's VM.Backup, anything else
    // Datastore.Allocate; the volume goes in an `imgdel` worker, where a protected one is refused
    // (Plugin.pm free_image; PBS refuses to forget a protected snapshot).
    handle: async ({ cluster, path, params, perm, user }) => {
      cluster.node(path.node!);
      const { volid, storeid } = realVolumeId(path.storage, path.volume!);
      const storage = storageConfig(cluster, storeid);
      const volname = volid.slice(storeid.length + 1);
      const owner = volname.startsWith("backup/") ? backupOwner(volname) : undefined;
      if (owner !== undefined) {
        perm.check(`/storage/${storeid}`, ["Datastore.AllocateSpace"]);
        perm.check(`/vms/${owner}`, ["VM.Backup"]);
      } else perm.check(`/storage/${storeid}`, ["Datastore.Allocate"]);
      const pbs = storage.type === "pbs";
      const snapshot = volname.replace(/^backup\//, "");
      const upid = cluster.startTask({
        node: path.node!,
        type: "imgdel",
        id: `${owner !== undefined ? `${owner}@` : ""}${storeid}`,
        user,
        durationMs: 500,
        work: () => {
          const volume = cluster.state.volumes.find((candidate) => candidate.volid === volid);
          if (!volume) {
            if (pbs) throw new Error("proxmox-backup-client failed: Error: no such snapshot");
            return [
              `disk image '${volumeFilePath(storage, volname)}' does not exist`,
              `Removed volume '${volid}'`,
            ];
          }
          if (volume.protected)
            throw new Error(
              pbs
                ? "cannot remove protected snapshot"
                : `cannot remove protected volume '${volname}' on '${storeid}'`,
            );
          cluster.state.volumes = cluster.state.volumes.filter((candidate) => candidate !== volume);
          return [`Removed volume '${volid}'`];
        },
        failure: (message) =>
          pbs && message === "cannot remove protected snapshot"
            ? {
                lines: [`Error: ${message}`],
                exitstatus: `proxmox-backup-client failed: command '/usr/bin/proxmox-backup-client forget ${snapshot} --repository root@pam@pbs.example:datastore' failed: exit code 255`,
              }
            : { lines: [], exitstatus: message },
      });
      return params.delay ? settledWithin(cluster, upid, Number(params.delay)) : upid;
    },
  },
];
