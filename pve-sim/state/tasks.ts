import { formatUpid } from "../upid-format";
import type { ConfigFlocks, FlockRequest } from "./flocks";
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
  /**
   * The config flocks the worker takes first and holds until it ends, as PVE's workers run inside
   * lock_config; one it cannot get in time fails the task with "can't lock file … - got timeout".
   */
  flocks?: FlockRequest[];
  /**
   * What the worker checks right after taking its flocks (the config lock, for one); throwing fails the
   * task then. Lines it returns are the log's first.
   */
  check?: () => unknown;
  /**
   * A worker that drives other tasks (pve-manager's bulk actions call the API for each guest): the task
   * ends when it settles, failing with its error. Takes the place of `durationMs` and `stages`.
   */
  worker?: (log: (line: string) => void) => Promise<void>;
  /**
   * What the worker waits for after its checks and before its timed run, such as a clone allocating its
   * disks under the storage's lock; throwing fails the task then (and `onFailure` undoes the call).
   */
  prepare?: () => Promise<string[] | undefined>;
  /** The effect; throwing ends the task with that message as its error. Runs when the task ends. */
  work?: () => string[] | undefined;
  /** Undoes what the call set up when the task fails, as PVE removes a half-made clone. */
  onFailure?: () => void;
  /**
   * Effects at points of the task's run (a fraction of its duration), each logging its lines: a backup
   * resumes its guest once the copy has started. An injected hang holds the next stage as it holds the end.
   */
  stages?: { at: number; run: () => string[] }[];
  /** How the worker reports an error: lines logged before `TASK ERROR`, and the exit status (vzdump's "job errors"). */
  failure?: (message: string) => { lines: string[]; exitstatus: string };
}

let pidCounter = 0x4000;

/** Runs simulated tasks: UPIDs, logs with progress, and exit statuses as PVE writes them. */
export class TaskRunner {
  private timers = new Set<NodeJS.Timeout>();
  private readonly unlocks = new Map<SimTask, () => void>();
  private readonly plans = new WeakMap<SimTask, TaskPlan>();

  constructor(
    private readonly state: ClusterState,
    private readonly options: {
      speed: number;
      now: () => number;
      failure: (type: string) => string | undefined;
      hangs: (type: string) => boolean;
      flocks: ConfigFlocks;
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
    if (!plan.flocks?.length) {
      this.begin(task, plan);
      return task;
    }
    this.options.flocks.acquireAll(plan.flocks).then(
      (unlock) => {
        if (task.status !== "running") return unlock();
        this.unlocks.set(task, unlock);
        this.begin(task, plan);
      },
      (error: unknown) => this.fail(task, plan, error),
    );
    return task;
  }

  private begin(task: SimTask, plan: TaskPlan) {
    try {
      const lines = plan.check?.();
      if (Array.isArray(lines)) task.log.push(...(lines as string[]));
    } catch (error) {
      this.fail(task, plan, error);
      return;
    }
    if (plan.worker) {
      plan
        .worker((line) => task.log.push(line))
        .then(
          () => this.finish(task, plan),
          (error: unknown) => this.fail(task, plan, error),
        );
      return;
    }
    if (!plan.prepare) return this.run(task, plan);
    plan.prepare().then(
      (lines) => {
        if (task.status !== "running") return;
        task.log.push(...(lines ?? []));
        this.run(task, plan);
      },
      (error: unknown) => this.fail(task, plan, error),
    );
  }

  private run(task: SimTask, plan: TaskPlan) {
    const duration = Math.max(1, plan.durationMs / this.options.speed);
    const lines = plan.progressLines ?? [];
    lines.forEach((line, index) => {
      this.later(() => task.log.push(line), (duration * (index + 1)) / (lines.length + 1));
    });
    // An injected hang lasts while the fault does; then the task ends as it would have.
    const stages = [...(plan.stages ?? [])].sort((a, b) => a.at - b.at);
    const next = () => {
      if (task.status !== "running") return;
      if (this.options.hangs(plan.type)) return this.later(next, 50);
      const stage = stages.shift();
      if (!stage) return this.finish(task, plan);
      try {
        task.log.push(...stage.run());
      } catch (error) {
        return this.fail(task, plan, error);
      }
      this.later(next, duration * ((stages[0]?.at ?? 1) - stage.at));
    };
    this.later(next, duration * (stages[0]?.at ?? 1));
  }

  private finish(task: SimTask, plan: TaskPlan) {
    if (task.status !== "running") return;
    const injected = this.options.failure(plan.type);
    try {
      if (injected) throw new Error(injected);
      task.log.push(...(plan.work?.() ?? []));
      // pve-common RESTEnvironment: each `warn` logs "WARN: …" and counts; a task that warned and did
      // not die ends "TASK WARNINGS: n", its status "WARNINGS: n" (PVE::UPID status_is_error: not an error).
      const warnings = task.log.filter((line) => line.startsWith("WARN: ")).length;
      this.end(task, warnings ? `WARNINGS: ${warnings}` : "OK");
    } catch (error) {
      this.fail(task, plan, error);
    }
  }

  private fail(task: SimTask, plan: TaskPlan, error: unknown) {
    if (task.status !== "running") return;
    const message = error instanceof Error ? error.message : String(error);
    plan.onFailure?.();
    const reported = plan.failure?.(message) ?? { lines: [], exitstatus: message };
    task.log.push(...reported.lines, `TASK ERROR: ${reported.exitstatus}`);
    this.end(task, reported.exitstatus);
  }

  private end(task: SimTask, exitstatus: string) {
    if (exitstatus === "OK") task.log.push("TASK OK");
    else if (exitstatus.startsWith("WARNINGS: ")) task.log.push(`TASK ${exitstatus}`);
    task.exitstatus = exitstatus;
    task.status = "stopped";
    task.endtime = Math.floor(this.options.now() / 1000);
    this.unlocks.get(task)?.();
    this.unlocks.delete(task);
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
    this.end(task, "interrupted by signal");
  }

  /** Settles once the task has ended, however it ended. */
  ended(task: SimTask): Promise<SimTask> {
    return new Promise((resolve) => {
      const check = () => (task.status !== "running" ? resolve(task) : this.later(check, 20));
      check();
    });
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
