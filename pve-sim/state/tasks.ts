import { formatUpid } from "../upid-format";
import type { ClusterState, SimTask } from "./model";

export interface TaskPlan {
  node: string;
  type: string;
  id: string;
  user: string;
  /** Simulated duration in milliseconds at speed 1. */
  durationMs: number;
  /** Lines written while the task runs, spread over its duration. */
  progressLines?: string[];
  /** The effect; throwing ends the task with that message as its error. Runs when the task ends. */
  work?: () => string[] | undefined;
  /** Undoes what the call set up when the task fails, as PVE removes a half-made clone. */
  onFailure?: () => void;
}

let pidCounter = 0x4000;

/** Runs simulated tasks: UPIDs, logs with progress, and exit statuses as PVE writes them. */
export class TaskRunner {
  private timers = new Set<NodeJS.Timeout>();
  private readonly plans = new WeakMap<SimTask, TaskPlan>();

  constructor(
    private readonly state: ClusterState,
    private readonly options: {
      speed: number;
      now: () => number;
      failure: (type: string) => string | undefined;
      hangs: (type: string) => boolean;
    },
  ) {}

  start(plan: TaskPlan): SimTask {
    const starttime = Math.floor(this.options.now() / 1000);
    const pid = pidCounter++;
    const task: SimTask = {
      upid: formatUpid({
        node: plan.node,
        pid,
        pstart: 0x1000 + pid,
        starttime,
        type: plan.type,
        id: plan.id,
        user: plan.user,
      }),
      node: plan.node,
      type: plan.type,
      id: plan.id,
      user: plan.user,
      pid,
      pstart: 0x1000 + pid,
      starttime,
      status: "running",
      log: [],
    };
    this.state.tasks.push(task);
    this.plans.set(task, plan);
    if (this.state.tasks.length > 2000) this.state.tasks.splice(0, this.state.tasks.length - 2000);
    const duration = Math.max(1, plan.durationMs / this.options.speed);
    const lines = plan.progressLines ?? [];
    lines.forEach((line, index) => {
      this.later(() => task.log.push(line), (duration * (index + 1)) / (lines.length + 1));
    });
    if (this.options.hangs(plan.type)) return task;
    this.later(() => this.finish(task, plan), duration);
    return task;
  }

  private finish(task: SimTask, plan: TaskPlan) {
    if (task.status !== "running") return;
    const injected = this.options.failure(plan.type);
    try {
      if (injected) throw new Error(injected);
      task.log.push(...(plan.work?.() ?? []));
      task.log.push("TASK OK");
      task.exitstatus = "OK";
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      plan.onFailure?.();
      task.log.push(`TASK ERROR: ${message}`);
      task.exitstatus = message;
    }
    task.status = "stopped";
    task.endtime = Math.floor(this.options.now() / 1000);
  }

  /**
   * DELETE on a task signals its worker (pve-manager 9.x PVE/API2/Tasks.pm stop_task). A worker that dies on
   * it undoes its work as a failure would: qemu-server's clone_vm traps the signal ("interrupted by
   * signal"), frees the new volumes and unlinks the new config.
   */
  stopTask(task: SimTask) {
    if (task.status !== "running") return;
    this.plans.get(task)?.onFailure?.();
    task.log.push("received interrupt", "TASK ERROR: interrupted by signal");
    task.exitstatus = "interrupted by signal";
    task.status = "stopped";
    task.endtime = Math.floor(this.options.now() / 1000);
  }

  private later(fn: () => void, ms: number) {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, ms);
    this.timers.add(timer);
  }

  close() {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}
