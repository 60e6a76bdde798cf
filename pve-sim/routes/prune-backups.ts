import { SimError } from "../errors";
import { nodeDef, type ParamDefs, vmidDef } from "../params";
import type { Route } from "../router";
import { storageConfig } from "../state/backup-volumes";
import { applyPrune, type KeepOptions, parseKeep, pruneMarks } from "../state/prune";

const pruneParams: ParamDefs = {
  node: nodeDef,
  storage: { type: "string", format: "pve-storage-id" },
  "prune-backups": { type: "string", optional: true },
  type: { type: "string", optional: true, enum: ["qemu", "lxc"] },
  vmid: { ...vmidDef, optional: true },
};

/** Storage.pm prune_backups: the options given, else the storage's own, which the simulated storages have none of. */
function keepFor(storeid: string, params: Record<string, string>): KeepOptions {
  if (params["prune-backups"] === undefined)
    throw new SimError(500, `no prune-backups options configured for storage '${storeid}'`);
  return parseKeep(params["prune-backups"]);
}

export const pruneBackupRoutes: Route[] = [
  {
    method: "GET",
    path: "/nodes/{node}/storage/{storage}/prunebackups",
    params: pruneParams,
    permissions: {
      check: ["perm", "/storage/{storage}", ["Datastore.Audit", "Datastore.AllocateSpace"], "any", 1],
    },
    // pve-storage PVE/API2/Storage/PruneBackups.pm dryrun: the marks a prune would set, nothing removed.
    handle: ({ cluster, path, params }) => {
      cluster.node(path.node!);
      const storage = storageConfig(cluster, path.storage!);
      if (!storage.content.includes("backup"))
        throw new SimError(500, `storage '${storage.id}' does not support backups`);
      const keep = keepFor(storage.id, params);
      if (params.type === "lxc") return [];
      return pruneMarks(cluster, storage.id, keep, params.vmid ? Number(params.vmid) : undefined);
    },
  },
  {
    method: "DELETE",
    path: "/nodes/{node}/storage/{storage}/prunebackups",
    params: pruneParams,
    permissions: { user: "all" },
    // PruneBackups.pm delete: one guest's backups need AllocateSpace and its VM.Backup, all of them
    // Datastore.Allocate; the removal runs in a `prunebackups` worker, never touching a protected backup.
    handle: ({ cluster, path, params, perm, user }) => {
      cluster.node(path.node!);
      const storeid = path.storage!;
      const keep = params["prune-backups"] === undefined ? undefined : parseKeep(params["prune-backups"]);
      const vmid = params.vmid ? Number(params.vmid) : undefined;
      if (vmid !== undefined) {
        perm.check(`/storage/${storeid}`, ["Datastore.AllocateSpace"]);
        perm.check(`/vms/${vmid}`, ["VM.Backup"]);
      } else perm.check(`/storage/${storeid}`, ["Datastore.Allocate"]);
      return cluster.startTask({
        node: path.node!,
        type: "prunebackups",
        id: `${vmid !== undefined ? `${vmid}@` : ""}${storeid}`,
        user,
        durationMs: 500,
        work: () => {
          const storage = storageConfig(cluster, storeid);
          if (!storage.content.includes("backup"))
            throw new Error(`storage '${storeid}' does not support backups`);
          if (!keep) throw new Error(`no prune-backups options configured for storage '${storeid}'`);
          if (params.type === "lxc") return [];
          return applyPrune(cluster, pruneMarks(cluster, storeid, keep, vmid));
        },
      });
    },
  },
];
