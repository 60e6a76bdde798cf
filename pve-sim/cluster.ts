import { AccessControl } from "./access/permissions";
import type { NodeConsole } from "./console/service";
import { SimError, vmNotFound } from "./errors";
import { type Faults, noFaults } from "./faults";
import { cloudinitMedium } from "./state/cloudinit-medium";
import { agentEnabled } from "./state/config-strings";
import { ConfigFlocks, type FlockRequest } from "./state/flocks";
import { writeGuestFile } from "./state/guest-files";
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
  /** How long a config flock is waited for: PVE's lock_config default of 10 s (AbstractConfig.pm). */
  flockTimeoutMs: number;
  /** How long `guest-ping` waits for an agent that does not answer: 3 s (QemuServer/Agent.pm qga_check_running). */
  agentPingTimeoutMs: number;
}

/** The simulated cluster: its state, its tasks, and the faults injected into it. */
export class SimCluster {
  faults: Faults = noFaults();
  readonly tasks: TaskRunner;
  readonly flocks = new ConfigFlocks();
  /** The consoles as the pveproxy that serves this view of the cluster offers them. */
  console?: NodeConsole;
  readonly access: AccessControl;

  constructor(
    readonly state: ClusterState,
    readonly options: ClusterOptions,
  ) {
    this.access = new AccessControl(state, options.apiVersion);
    this.tasks = new TaskRunner(state, {
      speed: options.taskSpeed,
      now: options.now,
      failure: (type) => this.faults.failTasks.find((fault) => fault.type === type)?.message,
      hangs: (type) => this.faults.hangTasks.includes(type),
      flocks: this.flocks,
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

  /**
   * A test hook for what a finished migration (a rebalancer's or an admin's) leaves behind: the config
   * renamed into the target node's directory (QemuMigrate.pm phase3_cleanup → AbstractConfig
   * move_config_to_node) and the `migrate` lock gone; the guest keeps its power state, as an online
   * migration does. The source node's task list keeps its tasks.
   */
  moveVm(vmid: number, target: string) {
    const vm = this.findVm(vmid);
    if (!vm) throw new Error(`no VM ${vmid} to move`);
    if (!this.state.nodes.some((node) => node.name === target)) throw new Error(`no node ${target}`);
    vm.node = target;
    delete vm.lock;
  }

  /** AbstractConfig.pm check_lock: before fork_worker this is an HTTP 500, inside a worker the task's error. */
  checkLock(vm: SimVm) {
    if (vm.lock) throw new SimError(500, `VM is locked (${vm.lock})`);
  }

  /**
   * A VM's config flock as a worker or a config write takes it. `seconds` is PVE's timeout for that
   * caller (lock_config waits 10 s, clone 1 s), scaled by the `flockTimeoutMs` option.
   */
  flock(vmid: number, { shared = false, seconds = 10 } = {}): FlockRequest {
    return { vmid, shared, timeoutMs: (this.options.flockTimeoutMs * seconds) / 10 };
  }

  /** Runs a synchronous config change under the VM's flock, as update_vm_api's lock_config does. */
  async withFlock<T>(vmid: number, change: () => T): Promise<T> {
    let release: () => void;
    try {
      release = await this.flocks.acquire(this.flock(vmid));
    } catch (error) {
      throw new SimError(500, (error as Error).message);
    }
    try {
      return change();
    } finally {
      release();
    }
  }

  /**
   * A test hook for what a guest does to its own disk: writes a file of the VM's synthetic file tree, or
   * removes it (and everything below it) with null. Snapshots and backups capture the tree.
   */
  writeGuestFile(vmid: number, path: string, data: string | null) {
    const vm = this.findVm(vmid);
    if (!vm) throw new Error(`no VM ${vmid}`);
    writeGuestFile(vm, path, data, this.now());
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
    delete vm.prelaunch;
    if (running) {
      vm.startedAt = this.now();
      vm.agentReadyAt = agentEnabled(vm.config)
        ? this.now() + this.options.agentDelaySeconds * 1000
        : undefined;
      Object.assign(vm.config, vm.pending);
      for (const key of vm.pendingDelete) delete vm.config[key];
      vm.pending = {};
      vm.pendingDelete = [];
      // vm_start runs apply_cloudinit_config after the pending changes are applied (QemuServer.pm).
      const medium = cloudinitMedium(vm, this.now());
      if (medium) vm.cloudinit = medium;
      else delete vm.cloudinit;
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
