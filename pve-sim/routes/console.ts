import { SimError } from "../errors";
import { nodeDef, vmidDef } from "../params";
import type { Route } from "../router";
import type { SimVm } from "../state/model";

const consoleTarget = (vm: SimVm) => ({
  node: vm.node,
  vmid: vm.vmid,
  name: vm.config.name ?? "",
  status: () => (vm.paused ? "paused" : vm.status),
  serialPorts: () => Object.keys(vm.config).filter((key) => /^serial\d$/.test(key)),
});

export const consoleRoutes: Route[] = [
  {
    method: "POST",
    path: "/nodes/{node}/qemu/{vmid}/vncproxy",
    params: {
      node: nodeDef,
      vmid: vmidDef,
      websocket: { type: "boolean", optional: true },
      "generate-password": { type: "boolean", optional: true },
    },
    permissions: { check: ["perm", "/vms/{vmid}", ["VM.Console"]] },
    handle: async ({ cluster, path, params, user }) => {
      const vm = cluster.vmOn(path.node!, Number(path.vmid));
      if (!cluster.console) throw new SimError(500, "no VNC display backend in this simulator");
      // API2/Qemu.pm vncproxy checks nothing about the VM's state: a stopped VM's worker fails later.
      const stopped = vm.status === "stopped";
      const grant = await cluster.console.vncproxy(consoleTarget(vm), {
        user,
        apiVersion: cluster.options.apiVersion,
        generatePassword: params["generate-password"] === "1",
      });
      const upid = cluster.startTask({
        node: vm.node,
        type: "vncproxy",
        id: String(vm.vmid),
        user,
        durationMs: 10_000 * cluster.options.taskSpeed,
        work: () => {
          if (stopped) throw new Error("Failed to run vncproxy.");
          return [];
        },
      });
      return { ...grant, port: String(grant.port), cert: cluster.options.certificate, upid, user };
    },
  },

  {
    method: "POST",
    path: "/nodes/{node}/qemu/{vmid}/termproxy",
    params: {
      node: nodeDef,
      vmid: vmidDef,
      serial: { type: "string", optional: true, enum: ["serial0", "serial1", "serial2", "serial3"] },
    },
    permissions: { check: ["perm", "/vms/{vmid}", ["VM.Console"]] },
    handle: async ({ cluster, path, params, user }) => {
      const vm = cluster.vmOn(path.node!, Number(path.vmid));
      if (!cluster.console) throw new SimError(500, "no console backend in this simulator");
      // API2/Qemu.pm termproxy has no running check either; `qm terminal` says so in the session.
      const serial = params.serial ?? (vm.config.vga?.startsWith("serial") ? vm.config.vga : "serial0");
      const grant = await cluster.console.termproxy(consoleTarget(vm), { user, serial });
      const upid = cluster.startTask({
        node: vm.node,
        type: "vncproxy",
        id: String(vm.vmid),
        user,
        durationMs: 10_000 * cluster.options.taskSpeed,
      });
      return { ...grant, upid };
    },
  },
];
