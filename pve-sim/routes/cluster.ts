import type { SimCluster } from "../cluster";
import { SimError } from "../errors";
import { nodeDef, vmidDef } from "../params";
import { releaseFacts, versionAnswer } from "../release";
import type { Route } from "../router";
import { memoryMb, totalDiskGb } from "../state/config-strings";
import type { SimStorage } from "../state/model";

const GiB = 1024 ** 3;

function vmResource(cluster: SimCluster, vm: ReturnType<SimCluster["findVm"]> & object) {
  const running = vm.status === "running";
  const uptime = running && vm.startedAt ? Math.floor((cluster.now() - vm.startedAt) / 1000) : 0;
  return {
    id: `qemu/${vm.vmid}`,
    type: "qemu",
    vmid: vm.vmid,
    node: vm.node,
    name: vm.config.name ?? `VM ${vm.vmid}`,
    // pve-manager PVE/Service/pvestatd.pm update_qemu_status writes `qmpstatus || status` into the RRD
    // and PVE/API2Tools.pm extract_vm_stats reads it back, so a paused VM reads "paused" here.
    status: running ? (vm.prelaunch ? "prelaunch" : vm.paused ? "paused" : "running") : "stopped",
    template: vm.config.template === "1" ? 1 : 0,
    maxcpu: Number(vm.config.cores ?? 1) * Number(vm.config.sockets ?? 1),
    cpu: running ? 0.02 + ((vm.vmid * 7) % 13) / 100 : 0,
    maxmem: memoryMb(vm.config) * 1024 ** 2,
    mem: running ? Math.round(memoryMb(vm.config) * 1024 ** 2 * 0.42) : 0,
    maxdisk: Math.round(totalDiskGb(vm.config) * GiB),
    disk: 0,
    uptime,
    netin: uptime * 1200,
    netout: uptime * 800,
    diskread: uptime * 4000,
    diskwrite: uptime * 2500,
    ...(vm.pool ? { pool: vm.pool } : {}),
    ...(vm.config.tags ? { tags: vm.config.tags } : {}),
    ...(vm.lock ? { lock: vm.lock } : {}),
  };
}

/** A storage's used bytes: the node's disks on image storage; on the others a base plus the backups kept there. */
export function storageUsed(cluster: SimCluster, storage: SimStorage, node: string): number {
  if (storage.content.includes("images")) return nodeUsage(cluster, node).disk;
  const backups = cluster.state.volumes
    .filter((volume) => volume.storage === storage.id && volume.content === "backup")
    .reduce((total, volume) => total + volume.size, 0);
  return (storage.type === "pbs" ? 0 : 12 * GiB) + backups;
}

export function nodeUsage(cluster: SimCluster, name: string) {
  const vms = cluster.state.vms.filter((vm) => vm.node === name && vm.status === "running");
  const mem = vms.reduce((total, vm) => total + memoryMb(vm.config) * 1024 ** 2 * 0.42, 2 * GiB);
  const disk = cluster.state.vms
    .filter((vm) => vm.node === name)
    .reduce((total, vm) => total + totalDiskGb(vm.config) * GiB, 0);
  return { mem: Math.round(mem), cpu: Math.min(1, 0.03 + vms.length * 0.02), disk: Math.round(disk) };
}

export const clusterRoutes: Route[] = [
  {
    method: "GET",
    path: "/version",
    params: {},
    permissions: { user: "all" },
    // pve-manager PVE/API2.pm `version`: the answering node's pve-manager, per simulated release.
    handle: ({ cluster }) => versionAnswer(cluster.options.apiVersion),
  },
  {
    method: "GET",
    path: "/cluster/resources",
    params: { type: { type: "string", optional: true, enum: ["vm", "storage", "node", "sdn"] } },
    permissions: { user: "all" },
    handle: ({ cluster, params, perm }) => {
      // pve-manager PVE/API2/Cluster.pm `resources`: pools need Pool.Audit, VMs VM.Audit (and their pool
      // field Pool.Audit), storages Datastore.Audit; a node without Sys.Audit is listed without figures
      // (API2Tools.pm extract_node_stats).
      const nodes = cluster.state.nodes.map((node) => {
        const online = cluster.isOnline(node);
        const audit = perm.allowed(`/nodes/${node.name}`, ["Sys.Audit"]);
        const usage = nodeUsage(cluster, node.name);
        return {
          id: `node/${node.name}`,
          type: "node",
          node: node.name,
          status: online ? "online" : "offline",
          ...(online && audit
            ? {
                maxcpu: node.maxcpu,
                cpu: usage.cpu,
                maxmem: node.maxmem,
                mem: usage.mem,
                maxdisk: node.maxdisk,
                disk: 9 * GiB,
                uptime: 864_000,
              }
            : {}),
          level: "",
        };
      });
      const visibleStorages = cluster.state.storages.filter((storage) =>
        perm.allowed(`/storage/${storage.id}`, ["Datastore.Audit"]),
      );
      const storages = cluster.state.nodes.flatMap((node) =>
        visibleStorages.map((storage) => ({
          id: `storage/${node.name}/${storage.id}`,
          type: "storage",
          node: node.name,
          storage: storage.id,
          status: cluster.isOnline(node) ? "available" : "unknown",
          content: storage.content.join(","),
          plugintype: storage.type,
          shared: storage.shared ? 1 : 0,
          maxdisk: storage.totalBytes,
          disk: storageUsed(cluster, storage, node.name),
        })),
      );
      const vms = cluster.state.vms
        .filter((vm) => perm.allowed(`/vms/${vm.vmid}`, ["VM.Audit"]))
        .map((vm) => {
          const { pool, ...entry } = vmResource(cluster, vm);
          return pool && perm.allowed(`/pool/${pool}`, ["Pool.Audit"]) ? { ...entry, pool } : entry;
        });
      const pools = cluster.state.pools
        .filter((pool) => perm.allowed(`/pool/${pool.poolid}`, ["Pool.Audit"]))
        .map((pool) => ({
          id: `/pool/${pool.poolid}`,
          type: "pool",
          pool: pool.poolid,
        }));
      const byType: Record<string, unknown[]> = { node: nodes, storage: storages, vm: vms, sdn: [] };
      return params.type ? byType[params.type] : [...nodes, ...storages, ...vms, ...pools];
    },
  },
  {
    method: "GET",
    path: "/cluster/nextid",
    params: { vmid: { ...vmidDef, optional: true } },
    permissions: { user: "all" },
    handle: ({ cluster, params }) => {
      if (params.vmid) {
        const vmid = Number(params.vmid);
        if (cluster.findVm(vmid))
          throw new SimError(400, "Parameter verification failed.", { vmid: `VM ${vmid} already exists` });
        return String(vmid);
      }
      return String(cluster.nextFreeVmid());
    },
  },
  {
    method: "GET",
    path: "/nodes",
    params: {},
    permissions: { user: "all" },
    handle: ({ cluster }) =>
      cluster.state.nodes.map((node) => {
        const online = cluster.isOnline(node);
        const usage = nodeUsage(cluster, node.name);
        return {
          node: node.name,
          status: online ? "online" : "offline",
          ...(online
            ? {
                cpu: usage.cpu,
                maxcpu: node.maxcpu,
                mem: usage.mem,
                maxmem: node.maxmem,
                disk: 9 * GiB,
                maxdisk: node.maxdisk,
                uptime: 864_000,
              }
            : {}),
          level: "",
          id: `node/${node.name}`,
          type: "node",
          ssl_fingerprint: "00",
        };
      }),
  },
  {
    method: "GET",
    path: "/nodes/{node}/status",
    params: { node: nodeDef },
    permissions: { check: ["perm", "/nodes/{node}", ["Sys.Audit"]] },
    handle: ({ cluster, path }) => {
      const node = cluster.node(path.node!);
      const usage = nodeUsage(cluster, node.name);
      const release = releaseFacts[cluster.options.apiVersion];
      return {
        cpu: usage.cpu,
        uptime: 864_000,
        loadavg: ["0.42", "0.38", "0.35"],
        memory: {
          total: node.maxmem,
          used: usage.mem,
          free: node.maxmem - usage.mem,
          available: node.maxmem - usage.mem,
        },
        swap: { total: 8 * GiB, used: 0, free: 8 * GiB },
        rootfs: {
          total: node.maxdisk,
          used: 9 * GiB,
          free: node.maxdisk - 9 * GiB,
          avail: node.maxdisk - 9 * GiB,
        },
        cpuinfo: {
          cpus: node.maxcpu,
          cores: node.maxcpu / 2,
          sockets: 1,
          model: "QEMU Virtual CPU (simulated)",
          mhz: "2400.000",
          hvm: "1",
          flags: "",
        },
        kversion: `Linux ${release.kernel} #1 SMP PREEMPT_DYNAMIC`,
        pveversion: `pve-manager/${release.version}/${release.repoid}`,
        idle: 0,
        wait: 0,
        ksm: { shared: 0 },
        "boot-info": { mode: "efi", secureboot: 0 },
        "current-kernel": {
          machine: "x86_64",
          release: release.kernel,
          sysname: "Linux",
          version: "#1 SMP PREEMPT_DYNAMIC",
        },
      };
    },
  },
];
