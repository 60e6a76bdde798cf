import { checkVolumeAccess } from "../access/vm-checks";
import { SimError } from "../errors";
import { nodeDef } from "../params";
import type { Route } from "../router";
import { CLOUDINIT_BYTES, cloudinitVolume } from "../state/cloudinit-drive";
import { storageUsed } from "./cluster";

const storageIdDef = { type: "string", format: "pve-storage-id" } as const;

export const storageRoutes: Route[] = [
  {
    method: "GET",
    path: "/nodes/{node}/storage",
    params: {
      node: nodeDef,
      content: { type: "string", optional: true },
      enabled: { type: "boolean", optional: true },
      storage: { ...storageIdDef, optional: true },
    },
    permissions: { user: "all" },
    handle: ({ cluster, path, params, perm }) => {
      cluster.node(path.node!);
      // pve-storage API2/Storage/Status.pm index: only storages the caller may audit or allocate on.
      return cluster.state.storages
        .filter((storage) =>
          perm.allowed(`/storage/${storage.id}`, ["Datastore.Audit", "Datastore.AllocateSpace"], true),
        )
        .filter(
          (storage) => !params.content || params.content.split(",").every((c) => storage.content.includes(c)),
        )
        .filter((storage) => !params.storage || storage.id === params.storage)
        .map((storage) => {
          const used = storageUsed(cluster, storage, path.node!);
          return {
            storage: storage.id,
            type: storage.type,
            content: storage.content.join(","),
            active: 1,
            enabled: 1,
            shared: storage.shared ? 1 : 0,
            total: storage.totalBytes,
            used,
            avail: storage.totalBytes - used,
            used_fraction: used / storage.totalBytes,
          };
        });
    },
  },
  {
    method: "GET",
    path: "/nodes/{node}/storage/{storage}/content",
    params: {
      node: nodeDef,
      storage: storageIdDef,
      content: { type: "string", optional: true },
      vmid: { type: "integer", optional: true },
    },
    permissions: {
      check: ["perm", "/storage/{storage}", ["Datastore.Audit", "Datastore.AllocateSpace"], "any", 1],
    },
    handle: ({ cluster, path, params, perm }) => {
      cluster.node(path.node!);
      if (!cluster.state.storages.some((storage) => storage.id === path.storage)) {
        throw new SimError(500, `storage '${path.storage}' does not exist`);
      }
      const vmid = params.vmid === undefined ? undefined : Number(params.vmid);
      const images = cluster.state.vms
        .filter((vm) => vm.node === path.node && (vmid === undefined || vm.vmid === vmid))
        .flatMap((vm) =>
          Object.entries(vm.config)
            .filter(
              ([key, value]) =>
                /^(scsi|virtio|sata|ide)\d+$/.test(key) &&
                value.startsWith(`${path.storage}:`) &&
                (!/media=cdrom/.test(value) || cloudinitVolume(value)),
            )
            .map(([, value]) => {
              const volid = value.split(",")[0]!;
              const size = /size=(\d+)G/.exec(value)?.[1];
              // pve-storage lists every vm-<id>-* / base-<id>-* volume as images, the cloud-init drive too.
              return {
                volid,
                content: "images",
                format: "raw",
                size: cloudinitVolume(value) ? CLOUDINIT_BYTES : Number(size ?? 0) * 1024 ** 3,
                vmid: vm.vmid,
                ctime: 1_735_689_600,
              };
            }),
        );
      // Plugin.pm list_volumes: with a vmid, ISOs and templates are left out and backups are that guest's;
      // a backup carries its subtype, the first line of its notes and its protection (`$get_subdir_files`,
      // PBSPlugin.pm list_volumes).
      const files = cluster.state.volumes
        .filter((volume) => volume.storage === path.storage)
        .filter(
          (volume) =>
            vmid === undefined ||
            (volume.content !== "iso" && volume.content !== "vztmpl" && volume.vmid === vmid),
        )
        .map((volume) => ({
          volid: volume.volid,
          content: volume.content,
          format: volume.format,
          size: volume.size,
          ctime: volume.ctime,
          ...(volume.vmid !== undefined ? { vmid: volume.vmid } : {}),
          ...(volume.content === "backup" ? { subtype: "qemu" } : {}),
          ...(volume.notes ? { notes: volume.notes.split("\n")[0] } : {}),
          ...(volume.protected ? { protected: 1 } : {}),
        }));
      // pve-storage API2/Storage/Content.pm index skips every volume check_volume_access refuses.
      const visible = (volid: string) => {
        try {
          checkVolumeAccess(perm, undefined, volid);
          return true;
        } catch {
          return false;
        }
      };
      return [...files, ...images]
        .filter((item) => !params.content || item.content === params.content)
        .filter((item) => visible(item.volid));
    },
  },
];
