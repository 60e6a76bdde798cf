import { SimError } from "../errors";
import { nodeDef } from "../params";
import type { Route, RouteContext } from "../router";
import type { SimTask } from "../state/model";

/** pve-manager PVE/API2/Tasks.pm `$check_task_user`: a token sees its own tasks, a user theirs and their tokens'. */
function ownsTask(task: SimTask, authid: string): boolean {
  const owner = task.user.split("!")[0]!;
  return authid === task.user || authid === owner;
}

/** A task the caller may read: their own, or any on a node where they hold `privilege`. */
function taskFor({ cluster, path, perm }: RouteContext, privilege = "Sys.Audit"): SimTask {
  cluster.node(path.node!);
  const task = cluster.state.tasks.find(
    (candidate) => candidate.upid === path.upid && candidate.node === path.node,
  );
  if (!task) throw new SimError(500, `unable to read task status for ${path.upid}`);
  if (!ownsTask(task, perm.authid)) perm.check(`/nodes/${path.node}`, [privilege]);
  return task;
}

function describeTask(task: SimTask) {
  return {
    upid: task.upid,
    node: task.node,
    pid: task.pid,
    pstart: task.pstart,
    starttime: task.starttime,
    type: task.type,
    id: task.id,
    user: task.user.split("!")[0]!,
    ...(task.user.includes("!") ? { tokenid: task.user.split("!")[1] } : {}),
    status: task.status,
    ...(task.exitstatus ? { exitstatus: task.exitstatus } : {}),
  };
}

function statusType(task: SimTask): "ok" | "warning" | "error" | "unknown" {
  if (task.status === "running" || !task.exitstatus) return "unknown";
  if (task.exitstatus === "OK") return "ok";
  return /^WARNINGS: \d+$/.test(task.exitstatus) ? "warning" : "error";
}

function wantedStatuses(params: Record<string, string>): Set<string> {
  if (params.errors === "1") return new Set(["warning", "error", "unknown"]);
  if (params.statusfilter)
    return new Set(
      params.statusfilter
        .toLowerCase()
        .split(/[,;\s]+/)
        .filter(Boolean),
    );
  return new Set(["ok", "warning", "error", "unknown"]);
}

const upidDef = { type: "string", maxLength: 256 } as const;

export const taskRoutes: Route[] = [
  {
    method: "GET",
    path: "/nodes/{node}/tasks",
    params: {
      node: nodeDef,
      limit: { type: "integer", optional: true, minimum: 0 },
      start: { type: "integer", optional: true, minimum: 0 },
      vmid: { type: "integer", optional: true, minimum: 100 },
      source: { type: "string", optional: true, enum: ["archive", "active", "all"] },
      errors: { type: "boolean", optional: true },
      typefilter: { type: "string", optional: true },
      userfilter: { type: "string", optional: true },
      since: { type: "integer", optional: true },
      until: { type: "integer", optional: true },
      statusfilter: { type: "string", optional: true, pattern: /^((ok|warning|error|unknown)[,;\s]*)*$/i },
    },
    permissions: { user: "all" },
    // pve-manager PVE/API2/Tasks.pm `node_tasks`: `source` defaults to `archive`, the finished tasks of
    // the index; `active` lists the running ones (status RUNNING) and `all` both, active first.
    // Statuses are filtered by type (PVE::UPID normalize_status_type): a running task has none yet, so
    // it is `unknown` and `errors=1` (every type but ok) keeps it, as it keeps WARNINGS.
    handle: ({ cluster, path, params, perm }) => {
      cluster.node(path.node!);
      const auditor = perm.allowed(`/nodes/${path.node}`, ["Sys.Audit"]);
      const start = Number(params.start ?? 0);
      const limit = Number(params.limit ?? 50);
      const source = params.source ?? "archive";
      const matches = (task: SimTask) =>
        task.node === path.node &&
        (auditor || ownsTask(task, perm.authid)) &&
        (!params.vmid || task.id === params.vmid) &&
        (!params.typefilter || task.type === params.typefilter) &&
        (!params.userfilter || task.user.toLowerCase().includes(params.userfilter.toLowerCase())) &&
        (params.since === undefined || task.starttime >= Number(params.since)) &&
        (params.until === undefined || task.starttime <= Number(params.until)) &&
        wantedStatuses(params).has(statusType(task));
      const newestFirst = cluster.state.tasks.filter(matches).toReversed();
      const active = source === "archive" ? [] : newestFirst.filter((task) => task.status === "running");
      const archived = source === "active" ? [] : newestFirst.filter((task) => task.status !== "running");
      return [...active, ...archived].slice(start, start + limit).map((task) => ({
        ...describeTask(task),
        ...(task.endtime ? { endtime: task.endtime } : {}),
        status: task.status === "running" ? "RUNNING" : (task.exitstatus ?? "unexpected status"),
      }));
    },
  },
  {
    method: "GET",
    path: "/nodes/{node}/tasks/{upid}/status",
    params: { node: nodeDef, upid: upidDef },
    permissions: { user: "all" },
    handle: (context) => describeTask(taskFor(context)),
  },
  {
    method: "GET",
    path: "/nodes/{node}/tasks/{upid}/log",
    params: {
      node: nodeDef,
      upid: upidDef,
      start: { type: "integer", optional: true, minimum: 0 },
      limit: { type: "integer", optional: true, minimum: 0 },
      download: { type: "boolean", optional: true },
    },
    permissions: { user: "all" },
    handle: (context) => {
      const task = taskFor(context);
      const start = Number(context.params.start ?? 0);
      const limit = Number(context.params.limit ?? 50);
      const lines = task.log.length ? task.log : ["no content"];
      return lines.slice(start, start + limit).map((t, index) => ({ n: start + index + 1, t }));
    },
  },
  {
    method: "DELETE",
    path: "/nodes/{node}/tasks/{upid}",
    params: { node: nodeDef, upid: upidDef },
    permissions: { user: "all" },
    handle: (context) => {
      context.cluster.tasks.stopTask(taskFor(context, "Sys.Modify"));
      return null;
    },
  },
];
