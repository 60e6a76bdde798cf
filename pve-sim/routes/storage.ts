import { checkVolumeAccess } from "../access/vm-checks";
import { SimError } from "../errors";
import { nodeDef } from "../params";
import type { Route } from "../router";
import { CLOUDINIT_BYTES, cloudinitVolume } from "../state/cloudinit-drive";
import { nodeUsage } from "./cluster";

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
          const used = storage.content.includes("images")
            ? nodeUsage(cluster, path.node!).disk
            : 12 * 1024 ** 3;
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
      const images = cluster.state.vms
        .filter((vm) => vm.node === path.node)
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
      const files = cluster.state.volumes
        .filter((volume) => volume.storage === path.storage)
        .map((volume) => ({
          volid: volume.volid,
          content: volume.content,
          format: volume.format,
          size: volume.size,
          ctime: volume.ctime,
          ...(volume.vmid !== undefined ? { vmid: volume.vmid } : {}),
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
