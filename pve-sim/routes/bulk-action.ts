import { permissionDenied } from "../access/check";
import type { SimCluster } from "../cluster";
import { type ParamDefs, vmidDef } from "../params";
import type { Route, RouteContext } from "../router";
import type { SimVm } from "../state/model";
import { startPowerTask } from "./qemu-power";

/**
 * pve-manager 9.1's PVE/API2/Cluster/BulkAction/Guest.pm: one `bulk-start` or `bulk-shutdown` worker on
 * the answering node that powers the listed guests (or all) through the API, in startup order (reversed
 * for shutdown), at most `max-workers` at once, and fails naming the guests that failed.
 */
const workers = { type: "integer", optional: true, minimum: 1, maximum: 64 } as const;
const common: ParamDefs = {
  vms: { type: "array", optional: true, items: vmidDef },
  timeout: { type: "integer", optional: true },
  maxworkers: workers,
  "max-workers": workers,
};

/** `startup: order=N,up=S,down=S` (pve_parse_startup_order); no order sorts last (LONG_MAX). */
function startup(vm: SimVm) {
  const parts = Object.fromEntries(
    (vm.config.startup ?? "").split(",").map((part) => part.split("=") as [string, string]),
  );
  return {
    order: parts.order !== undefined ? Number(parts.order) : Number.MAX_SAFE_INTEGER,
    up: Number(parts.up ?? 0),
    down: parts.down !== undefined ? Number(parts.down) : undefined,
  };
}

/** get_start_stop_list with a VM filter: the listed guests that exist, grouped by startup order. */
function startList(cluster: SimCluster, vmids: number[] | null, reverse: boolean): SimVm[][] {
  const chosen = cluster.state.vms.filter((vm) => !vmids || vmids.includes(vm.vmid));
  const byOrder = new Map<number, SimVm[]>();
  for (const vm of chosen) {
    const order = startup(vm).order * (reverse ? -1 : 1);
    byOrder.set(
      order,
      [...(byOrder.get(order) ?? []), vm].sort((a, b) => a.vmid - b.vmid),
    );
  }
  return [...byOrder.entries()].sort(([a], [b]) => a - b).map(([, vms]) => vms);
}

/** check_guest_permissions: VM.PowerMgmt on each listed guest, or on / for all of them. */
function checkPermissions({ perm }: RouteContext, vmids: number[] | null) {
  if (vmids) for (const vmid of vmids) perm.check(`/vms/${vmid}`, ["VM.PowerMgmt"]);
  else if (!perm.allowed("/", ["VM.PowerMgmt"])) throw permissionDenied("/, VM.PowerMgmt");
}

type Step = (vm: SimVm, log: (line: string) => void) => ReturnType<typeof startPowerTask> | null;

/** handle_task_foreach_guest: each order's guests, `max` tasks at a time; returns the vmids that failed. */
async function forEachGuest(
  cluster: SimCluster,
  groups: SimVm[][],
  max: number,
  step: Step,
  log: (line: string) => void,
) {
  const failed: number[] = [];
  for (const group of groups) {
    const running = new Set<Promise<void>>();
    for (const vm of group) {
      while (running.size >= max) await Promise.race(running);
      let task: ReturnType<typeof startPowerTask> | null;
      try {
        task = step(vm, log);
      } catch (error) {
        log(`WARN: ${(error as Error).message}`);
        failed.push(vm.vmid);
        continue;
      }
      if (!task) continue;
      const done: Promise<void> = cluster.tasks.ended(task).then((ended) => {
        running.delete(done);
        if (ended.exitstatus !== "OK" && !ended.exitstatus?.startsWith("WARNINGS: ")) {
          failed.push(vm.vmid);
          log(`WARN: VM ${vm.vmid} failed: ${ended.exitstatus}`);
        }
      });
      running.add(done);
    }
    await Promise.all(running);
  }
  return failed.sort((a, b) => a - b);
}

const maxWorkers = (params: Record<string, string>) =>
  Number(params["max-workers"] || params.maxworkers || 4);
const vmidsOf = (params: Record<string, string>) => (params.vms ? params.vms.split("\0").map(Number) : null);

export const bulkActionRoutes: Route[] = [
  {
    method: "POST",
    path: "/cluster/bulk-action/guest/start",
    params: common,
    permissions: { user: "all" },
    releases: ["9.1"],
    handle: (context) => {
      const { cluster, params, user } = context;
      const vmids = vmidsOf(params);
      checkPermissions(context, vmids);
      const groups = startList(cluster, vmids, false);
      return cluster.startTask({
        node: cluster.state.nodes[0]!.name,
        type: "bulk-start",
        id: "",
        user,
        durationMs: 0,
        worker: async (log) => {
          log(vmids ? `Starting guests: ${vmids.join(", ")}` : "Starting all guests");
          const failed = await forEachGuest(
            cluster,
            groups,
            maxWorkers(params),
            (vm, say) => {
              if (vm.status === "running" && !vm.paused) {
                say(`WARN: Skipping VM ${vm.vmid}, already running.`);
                return null;
              }
              say(`Starting VM ${vm.vmid}`);
              const action = vm.status === "running" ? "resume" : "start";
              const extra: Record<string, string> =
                action === "start" && params.timeout ? { timeout: params.timeout } : {};
              return startPowerTask(cluster, vm, action, extra, user);
            },
            log,
          );
          if (failed.length) throw new Error(`Some guests failed to start: ${failed.join(", ")}`);
        },
      });
    },
  },
  {
    method: "POST",
    path: "/cluster/bulk-action/guest/shutdown",
    params: { ...common, "force-stop": { type: "boolean", optional: true } },
    permissions: { user: "all" },
    releases: ["9.1"],
    handle: (context) => {
      const { cluster, params, user } = context;
      const vmids = vmidsOf(params);
      checkPermissions(context, vmids);
      const groups = startList(cluster, vmids, true);
      const forceStop = params["force-stop"] ?? "1";
      return cluster.startTask({
        node: cluster.state.nodes[0]!.name,
        type: "bulk-shutdown",
        id: "",
        user,
        durationMs: 0,
        worker: async (log) => {
          log(vmids ? `Shutting down guests: ${vmids.join(", ")}` : "Shutting down all guests");
          const failed = await forEachGuest(
            cluster,
            groups,
            maxWorkers(params),
            (vm, say) => {
              if (vm.status !== "running") {
                say(`WARN: Skipping VM ${vm.vmid}, not running.`);
                return null;
              }
              if (vm.paused && forceStop !== "1") {
                say(`WARN: Skipping VM ${vm.vmid}, resume paused VM before shutdown.`);
                return null;
              }
              const timeout = String(startup(vm).down ?? params.timeout ?? 180);
              say(`Shutting down VM ${vm.vmid} (Timeout = ${timeout} seconds)`);
              return startPowerTask(cluster, vm, "shutdown", { forceStop, timeout }, user);
            },
            log,
          );
          if (failed.length) throw new Error(`Some guests failed to shutdown ${failed.join(", ")}`);
        },
      });
    },
  },
];
