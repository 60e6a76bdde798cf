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
    },
    permissions: { user: "all" },
    handle: ({ cluster, path, params, perm }) => {
      cluster.node(path.node!);
      const auditor = perm.allowed(`/nodes/${path.node}`, ["Sys.Audit"]);
      const start = Number(params.start ?? 0);
      const limit = Number(params.limit ?? 50);
      return cluster.state.tasks
        .filter((task) => task.node === path.node)
        .filter((task) => auditor || ownsTask(task, perm.authid))
        .filter((task) => !params.vmid || task.id === params.vmid)
        .filter((task) => !params.typefilter || task.type === params.typefilter)
        .filter((task) => params.errors !== "1" || (task.exitstatus && task.exitstatus !== "OK"))
        .toReversed()
        .slice(start, start + limit)
        .map((task) => ({
          ...describeTask(task),
          ...(task.endtime ? { endtime: task.endtime } : {}),
          status: task.exitstatus ?? "running",
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
