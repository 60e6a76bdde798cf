import type { SimCluster } from "../cluster";
import { SimError } from "../errors";
import { nodeDef, type ParamDefs, vmidDef } from "../params";
import type { Route, RouteContext } from "../router";
import { hasOwnCloudinitDrive } from "../state/cloudinit-medium";
import { agentEnabled, memoryMb, totalDiskGb } from "../state/config-strings";
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

/** How one action behaves, each part where qemu-server 9.x (`src/PVE/API2/Qemu.pm`, `QemuServer.pm`) has it. */
interface Plan {
  /** Refusals before fork_worker: HTTP 500 at once. */
  before?: () => void;
  /** Checks inside the worker once it holds the VM's flock: a failed task. */
  check?: () => void;
  /** The effect when the task ends. */
  work: () => string[];
}

/** check_running in the API code, before the worker (vm_reset, vm_reboot, vm_suspend, vm_resume). */
function mustRun(vm: SimVm) {
  if (vm.status !== "running") throw new SimError(500, `VM ${vm.vmid} not running`);
}

/** vm_is_paused($vmid, 1): vm_shutdown and vm_reboot refuse a paused guest before forking. */
function refusePaused(vm: SimVm) {
  if (vm.status === "running" && vm.paused) throw new SimError(500, "VM is paused - cannot shutdown");
}

function plan(cluster: SimCluster, vm: SimVm, action: Action, params: Record<string, string>): Plan {
  const skip = params.skiplock === "1";
  const stop = () => {
    // _do_vm_stop: `return if !$pid`, so stopping a stopped VM is a successful no-op.
    if (vm.status === "running") cluster.setRunning(vm, false);
    return [];
  };
  switch (action) {
    case "start":
      // QemuServer.pm vm_start: template, then check_lock, then "already running", all in the worker.
      return {
        check: () => {
          if (vm.config.template === "1") throw new Error("you can't start a vm if it's a template");
          if (!skip && vm.lock !== "suspended") cluster.checkLock(vm);
          if (vm.status === "running") throw new Error(`VM ${vm.vmid} already running`);
        },
        work: () => {
          cluster.setRunning(vm, true);
          // Cloudinit.pm commit_cloudinit_disk prints this once per cloud-init drive it writes.
          return [...startWarnings(vm), ...(hasOwnCloudinitDrive(vm) ? ["generating cloud-init ISO"] : [])];
        },
      };
    case "shutdown":
      // API2/Qemu.pm vm_shutdown: a paused VM is refused unless forceStop, which stops it instead.
      return {
        before: () => {
          if (params.forceStop !== "1") refusePaused(vm);
        },
        // _do_vm_stop: check_running first (a stopped VM returns OK), then check_lock.
        check: () => {
          if (vm.status === "running" && !skip) cluster.checkLock(vm);
        },
        work: stop,
      };
    case "stop":
      return {
        check: () => {
          if (vm.status === "running" && !skip) cluster.checkLock(vm);
        },
        work: stop,
      };
    case "reboot":
      // API2/Qemu.pm vm_reboot: paused, then not running, before forking; vm_reboot has no lock check.
      return {
        before: () => {
          refusePaused(vm);
          mustRun(vm);
        },
        work: () => {
          if (vm.status !== "running") return [];
          cluster.setRunning(vm, false);
          cluster.setRunning(vm, true);
          return [];
        },
      };
    case "reset":
      // API2/Qemu.pm vm_reset checks running before forking; QemuServer.pm vm_reset checks the lock inside.
      return {
        before: () => mustRun(vm),
        check: () => {
          if (!skip) cluster.checkLock(vm);
        },
        work: () => {
          vm.startedAt = cluster.now();
          return [];
        },
      };
    case "suspend":
      // API2/Qemu.pm vm_suspend checks running; RunState.pm vm_suspend checks the lock (a backup may pause).
      return {
        before: () => mustRun(vm),
        check: () => {
          if (!skip && vm.lock !== "backup") cluster.checkLock(vm);
        },
        work: () => {
          vm.paused = true;
          return [];
        },
      };
    case "resume":
      // API2/Qemu.pm vm_resume checks running; RunState.pm vm_resume returns early for a running guest
      // ("job done, go home"), so resuming a VM that is not paused is a successful no-op.
      return {
        before: () => mustRun(vm),
        check: () => {
          if (vm.paused && !skip && vm.lock !== "backup") cluster.checkLock(vm);
        },
        work: () => {
          vm.paused = false;
          return [];
        },
      };
  }
}

/** skiplock, keepActive and nocheck are `Only root may use this option.` (raise_param_exc). */
function refuseRootOnly(params: Record<string, string>, user: string) {
  if (user === "root@pam") return;
  const used = ["skiplock", "keepActive", "nocheck"].filter((name) => params[name] === "1");
  if (used.length)
    throw new SimError(
      400,
      "Parameter verification failed.",
      Object.fromEntries(used.map((name) => [name, "Only root may use this option."])),
    );
}

/** Starts one guest's power task as its API call does, after the checks made before forking. */
export function startPowerTask(
  cluster: SimCluster,
  vm: SimVm,
  action: Action,
  params: Record<string, string>,
  user: string,
) {
  const { before, check, work } = plan(cluster, vm, action, params);
  before?.();
  return cluster.tasks.start({
    node: vm.node,
    type: taskTypes[action],
    id: String(vm.vmid),
    user,
    durationMs: durations[action],
    // Every power worker runs inside PVE::QemuConfig->lock_config (10 s).
    flocks: [cluster.flock(vm.vmid)],
    check,
    work,
  });
}

function powerRoute(action: Action, extra: ParamDefs): Route {
  return {
    method: "POST",
    path: `/nodes/{node}/qemu/{vmid}/status/${action}`,
    params: { ...vmPath, ...extra },
    permissions: { check: ["perm", "/vms/{vmid}", ["VM.PowerMgmt"]] },
    handle: ({ cluster, path, params, user }: RouteContext) => {
      const vm = cluster.vmOn(path.node!, Number(path.vmid));
      refuseRootOnly(params, user);
      return startPowerTask(cluster, vm, action, params, user).upid;
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
        qmpstatus: running ? (vm.prelaunch ? "prelaunch" : vm.paused ? "paused" : "running") : "stopped",
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
        ...(agentEnabled(vm.config) ? { agent: 1 } : {}),
        ...(vm.config.template === "1" ? { template: 1 } : {}),
        ...(vm.lock ? { lock: vm.lock } : {}),
        ...(running
          ? { pid: 10_000 + vm.vmid, "running-qemu": "10.0.2", "running-machine": "pc-i440fx-10.0+pve0" }
          : {}),
      };
    },
  },
];
