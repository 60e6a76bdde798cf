import type { SimCluster } from "../cluster";
import { SimError } from "../errors";
import { nodeDef, type ParamDefs, vmidDef } from "../params";
import type { Route } from "../router";
import { memoryMb } from "../state/config-strings";
import type { SimNode, SimVm } from "../state/model";
import { rrdRowTimes, type Timeframe } from "../state/rrd-timeframes";
import { nodeUsage } from "./cluster";

const GiB = 1024 ** 3;

const timeframes = ["hour", "day", "week", "month", "year"];
const cf = { type: "string", optional: true, enum: ["AVERAGE", "MAX"] } as const;
/** A VM's timeframes: qemu-server's `rrddata` enum has no `decade`, in 8.4 and 9.x alike. */
const vmRrdParams: ParamDefs = {
  timeframe: { type: "string", enum: timeframes },
  cf: { ...cf, enum: [...cf.enum] },
};
/** A node's: 9.x's Nodes.pm added `decade`, which 8.4 refuses (below) as its enum would. */
const nodeRrdParams: ParamDefs = {
  timeframe: { type: "string", enum: [...timeframes, "decade"] },
  cf: { ...cf, enum: [...cf.enum] },
};

function rowTimes(cluster: SimCluster, timeframe: string): number[] {
  const times = rrdRowTimes(cluster.options.apiVersion, timeframe as Timeframe, cluster.now());
  if (!times) {
    throw new SimError(400, "Parameter verification failed.", {
      timeframe: `value '${timeframe}' does not have a value in the enumeration '${timeframes.join(", ")}'`,
    });
  }
  return times;
}

/** Smooth, repeatable load figures: the same VM and time always give the same numbers. */
function wave(seed: number, time: number, period: number): number {
  return (Math.sin((time / period + seed) * 2 * Math.PI) + 1) / 2;
}

/** PSI fields pvestatd writes into the 9.0 files only (pve-cluster pmxcfs/status.c, rrd_def_vm/_node). */
function pressure(load: number, withCpuFull: boolean) {
  return {
    pressurecpusome: load * 2,
    ...(withCpuFull ? { pressurecpufull: load } : {}),
    pressureiosome: load,
    pressureiofull: load / 2,
    pressurememorysome: 0,
    pressurememoryfull: 0,
  };
}

function vmRows(cluster: SimCluster, vm: SimVm, timeframe: string) {
  const modern = cluster.options.apiVersion === "9.1";
  const times = rowTimes(cluster, timeframe);
  const step = times.length > 1 ? times[1]! - times[0]! : 60;
  const maxmem = memoryMb(vm.config) * 1024 ** 2;
  const startedAt = vm.startedAt ? vm.startedAt / 1000 : Number.POSITIVE_INFINITY;
  // A VM tagged `sim-idle` stays idle, for trying out idle detection.
  const idle = (vm.config.tags ?? "").split(/[;, ]/).includes("sim-idle");
  return times.map((time) => {
    const up = vm.status === "running" && time >= startedAt - step;
    if (!up) return { time, maxcpu: Number(vm.config.cores ?? 1), maxmem };
    const load = wave(vm.vmid / 7, time, 86_400);
    const mem = maxmem * (0.3 + load * 0.3);
    return {
      time,
      cpu: idle ? 0.002 : 0.02 + load * 0.3,
      maxcpu: Number(vm.config.cores ?? 1),
      mem,
      maxmem,
      disk: 0,
      maxdisk: 0,
      netin: 2000 + load * 50_000,
      netout: 1000 + load * 20_000,
      diskread: load * 400_000,
      diskwrite: load * 150_000,
      ...(modern ? { memhost: mem * 1.05, ...pressure(idle ? 0 : load, true) } : {}),
    };
  });
}

function nodeRows(cluster: SimCluster, node: SimNode, timeframe: string) {
  const modern = cluster.options.apiVersion === "9.1";
  const usage = nodeUsage(cluster, node.name);
  return rowTimes(cluster, timeframe).map((time) => {
    const load = wave(node.maxcpu / 5, time, 86_400);
    const memused = usage.mem * (0.9 + load * 0.1);
    return {
      time,
      loadavg: 0.2 + load,
      maxcpu: node.maxcpu,
      cpu: usage.cpu * (0.8 + load * 0.4),
      iowait: load * 0.01,
      memtotal: node.maxmem,
      memused,
      swaptotal: 8 * GiB,
      swapused: 0,
      roottotal: node.maxdisk,
      rootused: 9 * GiB,
      netin: 10_000 + load * 200_000,
      netout: 8000 + load * 100_000,
      ...(modern ? { memavailable: node.maxmem - memused, arcsize: 0, ...pressure(load, false) } : {}),
    };
  });
}

export const rrdRoutes: Route[] = [
  {
    // qemu-server PVE/API2/Qemu.pm `rrddata`: pve-vm-9.0/<vmid> on 9.x, pve2-vm/<vmid> on 8.4. It reads
    // only that RRD file, never the VM's config, and pmxcfs (pve-cluster status.c) feeds every node's
    // rrdcached with every guest's updates: any node answers for a VM on another (after a migration too).
    method: "GET",
    path: "/nodes/{node}/qemu/{vmid}/rrddata",
    params: { node: nodeDef, vmid: vmidDef, ...vmRrdParams },
    permissions: { check: ["perm", "/vms/{vmid}", ["VM.Audit"]] },
    handle: ({ cluster, path, params }) => {
      const vmid = Number(path.vmid);
      cluster.node(path.node!);
      const vm = cluster.findVm(vmid) ?? cluster.vmOn(path.node!, vmid);
      return vmRows(cluster, vm, params.timeframe!);
    },
  },
  {
    // pve-manager PVE/API2/Nodes.pm `rrddata`: pve-node-9.0/<node> on 9.x, pve2-node/<node> on 8.4.
    method: "GET",
    path: "/nodes/{node}/rrddata",
    params: { node: nodeDef, ...nodeRrdParams },
    permissions: { check: ["perm", "/nodes/{node}", ["Sys.Audit"]] },
    handle: ({ cluster, path, params }) => nodeRows(cluster, cluster.node(path.node!), params.timeframe!),
  },
];
