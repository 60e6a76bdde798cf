import { z } from "zod";
import { ProxmoxError } from "./errors";
import { type TaskStatus, taskLogLineSchema, taskStatusSchema } from "./schemas";
import type { Transport } from "./transport";
import { parseUpid, taskSucceeded } from "./upid";

export interface TaskProgress {
  percent: number | null;
  line: string | null;
}

export interface WaitOptions {
  /** Gives up this long after the start, however the task is doing (10 minutes unless stallMs is set). */
  deadlineMs?: number;
  /**
   * Follows the task as long as its log advances: gives up only after this long without a new line. A big
   * clone on slow storage may take hours, writing "transferred …" as it goes.
   */
  stallMs?: number;
  onProgress?: (progress: TaskProgress) => void;
  /** Polling starts here and backs off to at most 1 s: a task seen late makes the member wait. */
  initialDelayMs?: number;
}

const taskListEntrySchema = z.looseObject({
  upid: z.string(),
  type: z.string(),
  id: z.string().optional(),
  user: z.string(),
  starttime: z.coerce.number().optional(),
  endtime: z.coerce.number().optional(),
  status: z.string().optional(),
});

export type TaskListEntry = z.infer<typeof taskListEntrySchema>;

const percentPattern = /(\d+(?:\.\d+)?)\s*%/;

/** The latest percentage a task's log reports, as clone and move logs do ("… (37.50%)"). */
export function progressFromLog(lines: { t: string }[]): TaskProgress {
  for (let index = lines.length - 1; index >= 0; index--) {
    const match = percentPattern.exec(lines[index]!.t);
    if (match) return { percent: Math.min(100, Number(match[1])), line: lines[index]!.t };
  }
  return { percent: null, line: lines.at(-1)?.t ?? null };
}

function nodeOf(upid: string): string {
  const parsed = parseUpid(upid);
  if (!parsed)
    throw new ProxmoxError({ kind: "invalid-response", message: `"${upid}" is not a task id (UPID)` });
  return parsed.node;
}

export class TaskApi {
  /** `firstPollMs`: the first wait between a task's status reads; it grows by half each time, to 1 s. */
  constructor(
    private readonly transport: Transport,
    private readonly firstPollMs = 250,
  ) {}

  async status(upid: string): Promise<TaskStatus> {
    const path = `/nodes/${nodeOf(upid)}/tasks/${encodeURIComponent(upid)}/status`;
    return taskStatusSchema.parse(await this.transport.call("GET", path));
  }

  async log(upid: string, { start = 0, limit = 500 } = {}): Promise<{ n: number; t: string }[]> {
    const path = `/nodes/${nodeOf(upid)}/tasks/${encodeURIComponent(upid)}/log`;
    return z.array(taskLogLineSchema).parse(await this.transport.call("GET", path, { start, limit }));
  }

  /** Recent tasks, newest first; a finished task's `status` is its exit status ("OK" or the error). */
  /** PVE lists finished tasks unless asked for `active` or `all` (pve-manager Tasks.pm, source=archive). */
  async list(
    node: string,
    {
      vmid,
      limit = 50,
      source,
    }: { vmid?: number; limit?: number; source?: "archive" | "active" | "all" } = {},
  ): Promise<TaskListEntry[]> {
    const rows = await this.transport.call("GET", `/nodes/${node}/tasks`, { vmid, limit, source });
    return z.array(taskListEntrySchema).parse(rows);
  }

  async stop(upid: string): Promise<void> {
    await this.transport.call("DELETE", `/nodes/${nodeOf(upid)}/tasks/${encodeURIComponent(upid)}`);
  }

  /**
   * Waits for a task to end; resolves on OK or WARNINGS, rejects with the task's own error text otherwise,
   * and with a "timeout" error once the deadline passes or the log stops advancing (see WaitOptions).
   */
  async wait(upid: string, options: WaitOptions = {}): Promise<TaskStatus> {
    const started = Date.now();
    const followLog = options.onProgress !== undefined || options.stallMs !== undefined;
    let lastAdvance = started;
    let linesSeen = 0;
    let latest: TaskProgress = { percent: null, line: null };
    let delay = options.initialDelayMs ?? this.firstPollMs;
    for (;;) {
      const status = await this.status(upid);
      if (followLog) {
        const lines = await this.log(upid, { start: linesSeen, limit: 1000 });
        const fresh = lines.filter((line) => line.n > linesSeen && line.t !== "no content");
        if (fresh.length) {
          linesSeen = fresh.at(-1)!.n;
          lastAdvance = Date.now();
          const found = progressFromLog(fresh);
          latest = { percent: found.percent ?? latest.percent, line: found.line };
        }
        options.onProgress?.(latest);
      }
      if (status.status === "stopped") {
        if (taskSucceeded(status.exitstatus)) return status;
        throw new ProxmoxError({
          kind: "task-failed",
          message: status.exitstatus || "The task failed without saying why",
          path: `task ${status.type}${status.id ? ` ${status.id}` : ""}`,
        });
      }
      const stalled = options.stallMs !== undefined && Date.now() + delay > lastAdvance + options.stallMs;
      const late =
        (options.deadlineMs !== undefined || options.stallMs === undefined) &&
        Date.now() + delay > started + (options.deadlineMs ?? 10 * 60_000);
      if (stalled || late) {
        throw new ProxmoxError({
          kind: "timeout",
          message: stalled
            ? `The ${status.type} task made no progress for ${Math.round(options.stallMs! / 1000)} s; it may still be running on Proxmox`
            : `The ${status.type} task did not finish in time; it may still be running on Proxmox`,
        });
      }
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(1000, Math.round(delay * 1.5));
    }
  }
}
