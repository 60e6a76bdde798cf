import type { SimCluster } from "../cluster";
import { SimError } from "../errors";
import { nodeDef, type ParamDefs, vmidDef } from "../params";
import type { Route, RouteContext } from "../router";
import { memoryMb, totalDiskGb } from "../state/config-strings";
import type { SimVm } from "../state/model";
import { startWarnings } from "../state/start-warnings";

const vmPath: ParamDefs = { node: nodeDef, vmid: vmidDef };
const skiplock = { type: "boolean", optional: true } as const;
const timeout = { type: "integer", optional: true, minimum: 0 } as const;

type Action = "start" | "shutdown" | "stop" | "reboot" | "reset" | "suspend" | "resume";

const taskTypes: Record<Action, string> = {
  start: "qmstart",
  shutdown: "qmshutdown",
  stop: "qmstop",
  reboot: "qmreboot",
  reset: "qmreset",
  suspend: "qmpause",
  resume: "qmresume",
};

const durations: Record<Action, number> = {
  start: 1500,
  shutdown: 3000,
  stop: 800,
  reboot: 3000,
  reset: 300,
  suspend: 300,
  resume: 300,
};

function mustRun(vm: SimVm) {
  if (vm.status !== "running") throw new Error(`VM ${vm.vmid} not running`);
}

/** What each action does when its task ends; failures become the task's exit status, as in PVE. */
function effect(cluster: SimCluster, vm: SimVm, action: Action): () => string[] | undefined {
  return () => {
    switch (action) {
      case "start":
        if (vm.config.template === "1") throw new Error("you can't start a vm if it's a template");
        if (vm.status === "running") throw new Error(`VM ${vm.vmid} already running`);
        cluster.setRunning(vm, true);
        return [...startWarnings(vm), `generating cloud-init ISO`];
      case "shutdown":
      case "stop":
        mustRun(vm);
        cluster.setRunning(vm, false);
        return [];
      case "reboot":
        mustRun(vm);
        cluster.setRunning(vm, false);
        cluster.setRunning(vm, true);
        return [];
      case "reset":
        mustRun(vm);
        vm.startedAt = cluster.now();
        return [];
      case "suspend":
        mustRun(vm);
        vm.paused = true;
        return [];
      case "resume":
        if (vm.status !== "running" || !vm.paused) throw new Error(`VM ${vm.vmid} not paused`);
        vm.paused = false;
        return [];
    }
  };
}

function powerRoute(action: Action, extra: ParamDefs): Route {
  return {
    method: "POST",
    path: `/nodes/{node}/qemu/{vmid}/status/${action}`,
    params: { ...vmPath, ...extra },
    permissions: { check: ["perm", "/vms/{vmid}", ["VM.PowerMgmt"]] },
    handle: ({ cluster, path, params, user }: RouteContext) => {
      const vm = cluster.vmOn(path.node!, Number(path.vmid));
      if (params.skiplock !== "1") cluster.checkLock(vm);
      return cluster.startTask({
        node: path.node!,
        type: taskTypes[action],
        id: String(vm.vmid),
        user,
        durationMs: durations[action],
        work: effect(cluster, vm, action),
      });
    },
  };
}

export const qemuPowerRoutes: Route[] = [
  powerRoute("start", { skiplock, timeout, machine: { type: "string", optional: true } }),
  powerRoute("shutdown", {
    skiplock,
    timeout,
    forceStop: { type: "boolean", optional: true },
    keepActive: { type: "boolean", optional: true },
  }),
  powerRoute("stop", {
    skiplock,
    timeout,
    keepActive: { type: "boolean", optional: true },
    "overrule-shutdown": { type: "boolean", optional: true },
  }),
  powerRoute("reboot", { timeout }),
  powerRoute("reset", { skiplock }),
  powerRoute("suspend", { skiplock, todisk: { type: "boolean", optional: true } }),
  powerRoute("resume", { skiplock, nocheck: { type: "boolean", optional: true } }),
  {
    method: "GET",
    path: "/nodes/{node}/qemu/{vmid}/status/current",
    params: vmPath,
    permissions: { check: ["perm", "/vms/{vmid}", ["VM.Audit"]] },
    handle: ({ cluster, path }) => {
      const vm = cluster.vmOn(path.node!, Number(path.vmid));
      const running = vm.status === "running";
      const uptime = running && vm.startedAt ? Math.floor((cluster.now() - vm.startedAt) / 1000) : 0;
      const maxmem = memoryMb(vm.config) * 1024 ** 2;
      if (vm.lock === "destroyed")
        throw new SimError(
          500,
          `Configuration file 'nodes/${vm.node}/qemu-server/${vm.vmid}.conf' does not exist`,
        );
      return {
        vmid: vm.vmid,
        name: vm.config.name,
        status: vm.status,
        qmpstatus: running ? (vm.paused ? "paused" : "running") : "stopped",
        cpus: Number(vm.config.cores ?? 1) * Number(vm.config.sockets ?? 1),
        cpu: running ? 0.03 + ((vm.vmid * 7) % 11) / 100 : 0,
        maxmem,
        mem: running ? Math.round(maxmem * 0.42) : 0,
        maxdisk: Math.round(totalDiskGb(vm.config) * 1024 ** 3),
        disk: 0,
        uptime,
        netin: uptime * 1200,
        netout: uptime * 800,
        diskread: uptime * 4000,
        diskwrite: uptime * 2500,
        ha: { managed: 0 },
        ...(vm.config.agent?.startsWith("1") ? { agent: 1 } : {}),
        ...(vm.config.template === "1" ? { template: 1 } : {}),
        ...(vm.lock ? { lock: vm.lock } : {}),
        ...(running
          ? { pid: 10_000 + vm.vmid, "running-qemu": "10.0.2", "running-machine": "pc-i440fx-10.0+pve0" }
          : {}),
      };
    },
  },
];
