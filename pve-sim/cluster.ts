import type { NodeConsole } from "./console/service";
import { SimError, vmNotFound } from "./errors";
import { type Faults, noFaults } from "./faults";
import type { ClusterState, SimNode, SimVm } from "./state/model";
import { type TaskPlan, TaskRunner } from "./state/tasks";

export interface ClusterOptions {
  taskSpeed: number;
  now: () => number;
  /** Seconds from boot until a VM's guest agent answers. */
  agentDelaySeconds: number;
  onVmStopped?: (vmid: number) => void;
  /** Which release's console answer to give: 9.1 returns a VNC password, 8.4 used the ticket. */
  apiVersion: "9.1" | "8.4";
  certificate: string;
}

/** The simulated cluster: its state, its tasks, and the faults injected into it. */
export class SimCluster {
  faults: Faults = noFaults();
  readonly tasks: TaskRunner;
  /** The consoles as the pveproxy that serves this view of the cluster offers them. */
  console?: NodeConsole;

  constructor(
    readonly state: ClusterState,
    readonly options: ClusterOptions,
  ) {
    this.tasks = new TaskRunner(state, {
      speed: options.taskSpeed,
      now: options.now,
      failure: (type) => this.faults.failTasks.find((fault) => fault.type === type)?.message,
      hangs: (type) => this.faults.hangTasks.includes(type),
    });
  }

  now(): number {
    return this.options.now();
  }

  node(name: string): SimNode {
    const node = this.state.nodes.find((candidate) => candidate.name === name);
    if (!node) {
      throw new SimError(
        500,
        `hostname lookup '${name}' failed - failed to get address info for: ${name}: Name or service not known`,
      );
    }
    if (!node.online || this.faults.offlineNodes.includes(name)) {
      throw new SimError(595, "Errors during connection establishment, proxy handshake: No route to host");
    }
    return node;
  }

  isOnline(node: SimNode): boolean {
    return node.online && !this.faults.offlineNodes.includes(node.name);
  }

  findVm(vmid: number): SimVm | undefined {
    return this.state.vms.find((vm) => vm.vmid === vmid);
  }

  /** The VM as its node sees it: a VM on another node does not exist there. */
  vmOn(nodeName: string, vmid: number): SimVm {
    this.node(nodeName);
    const vm = this.findVm(vmid);
    if (!vm || vm.node !== nodeName) throw vmNotFound(nodeName, vmid);
    return vm;
  }

  checkLock(vm: SimVm) {
    if (vm.lock) throw new SimError(500, `VM is locked (${vm.lock})`);
  }

  nextFreeVmid(): number {
    const used = new Set(this.state.vms.map((vm) => vm.vmid));
    let vmid = 100;
    while (used.has(vmid)) vmid++;
    return vmid;
  }

  startTask(plan: TaskPlan): string {
    return this.tasks.start(plan).upid;
  }

  setRunning(vm: SimVm, running: boolean) {
    vm.status = running ? "running" : "stopped";
    vm.paused = false;
    if (running) {
      vm.startedAt = this.now();
      vm.agentReadyAt = vm.config.agent?.startsWith("1")
        ? this.now() + this.options.agentDelaySeconds * 1000
        : undefined;
      Object.assign(vm.config, vm.pending);
      for (const key of vm.pendingDelete) delete vm.config[key];
      vm.pending = {};
      vm.pendingDelete = [];
    } else {
      vm.startedAt = undefined;
      vm.agentReadyAt = undefined;
      this.console?.vmStopped(vm.vmid);
      this.options.onVmStopped?.(vm.vmid);
    }
  }

  close() {
    this.tasks.close();
  }
}
