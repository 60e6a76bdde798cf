import type { SimCluster } from "../cluster";
import { SimError } from "../errors";
import type { ParamDef } from "../params";
import type { Route, RouteContext } from "../router";

/**
 * Pools as pve-manager's PVE/API2/Pool.pm has them (9.1 master and stable-8 agree unless noted).
 * Config writes run inside PVE::AccessControl::lock_user_config, which prefixes their errors
 * ("update pools failed: …").
 */
const poolIdDef = { type: "string", format: "pve-poolid" } as const;
const typeDef: ParamDef = { type: "string", optional: true, enum: ["qemu", "lxc", "storage"] };
const updateDefs = {
  comment: { type: "string", optional: true, maxLength: 8192 },
  vms: { type: "string", optional: true },
  delete: { type: "boolean", optional: true },
  "allow-move": { type: "boolean", optional: true },
} as const;

function lockedUserConfig<T>(failure: string, work: () => T): T {
  try {
    return work();
  } catch (error) {
    throw new SimError(500, `${failure}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** `index` with a poolid: the pool and its members (here VMs only; no storage is a pool member). */
function readPool(cluster: SimCluster, poolid: string, type?: string) {
  const pool = cluster.state.pools.find((candidate) => candidate.poolid === poolid);
  if (!pool) throw new SimError(500, `pool '${poolid}' does not exist`);
  const members = cluster.state.vms
    .filter((vm) => vm.pool === pool.poolid && (!type || type === "qemu"))
    .sort((a, b) => a.vmid - b.vmid)
    .map((vm) => ({
      id: `qemu/${vm.vmid}`,
      type: "qemu",
      vmid: vm.vmid,
      node: vm.node,
      name: vm.config.name,
      status: vm.status,
      ...(vm.config.template === "1" ? { template: 1 } : {}),
    }));
  return { ...(pool.comment !== undefined ? { comment: pool.comment } : {}), members, poolid: pool.poolid };
}

/** `update_pool`: one member at a time, refusing what is already so. */
function updatePool({ cluster, params, perm }: RouteContext, poolid: string) {
  // Every VM added or removed needs the right to modify its permissions (Pool.pm `check_perm_modify`).
  for (const id of (params.vms ?? "").split(/[,;\s]+/).filter(Boolean)) perm.checkPermModify(`/vms/${id}`);
  lockedUserConfig("update pools failed", () => {
    const pool = cluster.state.pools.find((candidate) => candidate.poolid === poolid);
    if (!pool) throw new Error(`pool '${poolid}' does not exist`);
    if (params.comment !== undefined) pool.comment = params.comment;
    for (const id of (params.vms ?? "").split(/[,;\s]+/).filter(Boolean)) {
      const vm = cluster.findVm(Number(id));
      if (params.delete === "1") {
        if (!vm || vm.pool !== pool.poolid) throw new Error(`VM ${id} is not a pool member`);
        vm.pool = undefined;
        continue;
      }
      if (!vm) throw new Error(`no such VM '${id}'`);
      if (vm.pool === pool.poolid) throw new Error(`VM ${id} is already a pool member`);
      if (vm.pool && params["allow-move"] !== "1")
        throw new Error(`VM ${id} belongs already to pool '${vm.pool}' and 'allow-move' is not set`);
      vm.pool = pool.poolid;
    }
  });
  return null;
}

/** `delete_pool`: only an empty pool goes. */
function deletePool(cluster: SimCluster, poolid: string) {
  lockedUserConfig("delete pool failed", () => {
    const index = cluster.state.pools.findIndex((pool) => pool.poolid === poolid);
    if (index === -1) throw new Error(`pool '${poolid}' does not exist`);
    const member = cluster.state.vms.filter((vm) => vm.pool === poolid).sort((a, b) => a.vmid - b.vmid)[0];
    if (member) throw new Error(`pool '${poolid}' is not empty (contains VM ${member.vmid})`);
    cluster.state.pools.splice(index, 1);
  });
  return null;
}

export const poolRoutes: Route[] = [
  {
    // `index`: without poolid, every pool without its members; with one, that pool with them.
    method: "GET",
    path: "/pools",
    params: { poolid: { ...poolIdDef, optional: true }, type: typeDef },
    permissions: { user: "all" },
    handle: ({ cluster, params, perm }) =>
      params.poolid
        ? // With a poolid the Pool.Audit check is made with noerr and its answer ignored: anyone may read it.
          [readPool(cluster, params.poolid, params.type)]
        : cluster.state.pools
            .filter((pool) => perm.allowed(`/pool/${pool.poolid}`, ["Pool.Audit"]))
            .toSorted((a, b) => (a.poolid < b.poolid ? -1 : 1))
            .map((pool) => ({
              poolid: pool.poolid,
              ...(pool.comment !== undefined ? { comment: pool.comment } : {}),
            })),
  },
  {
    // `create_pool`; the "must start with a letter" rule is 9.x only (stable-8 has none).
    method: "POST",
    path: "/pools",
    params: { poolid: poolIdDef, comment: { type: "string", optional: true, maxLength: 8192 } },
    permissions: { check: ["perm", "/pool/{poolid}", ["Pool.Allocate"]] },
    handle: ({ cluster, params }) => {
      const poolid = params.poolid!;
      lockedUserConfig("create pool failed", () => {
        if (cluster.state.pools.some((pool) => pool.poolid === poolid))
          throw new Error(`pool '${poolid}' already exists`);
        const nested = /^(.*)\/([^/]+)$/.exec(poolid);
        if (nested && !cluster.state.pools.some((pool) => pool.poolid === nested[1]))
          throw new Error(`parent '${nested[1]}' of pool '${poolid}' does not exist`);
        if (cluster.options.apiVersion === "9.1" && !/^[A-Za-z]/.test(nested ? nested[2]! : poolid))
          throw new Error("pool name must start with a letter");
        cluster.state.pools.push({ poolid, ...(params.comment ? { comment: params.comment } : {}) });
      });
      return null;
    },
  },
  {
    method: "PUT",
    path: "/pools",
    params: { poolid: poolIdDef, ...updateDefs },
    permissions: { check: ["perm", "/pool/{poolid}", ["Pool.Allocate"]] },
    handle: (context) => updatePool(context, context.params.poolid!),
  },
  {
    method: "DELETE",
    path: "/pools",
    params: { poolid: poolIdDef },
    permissions: { check: ["perm", "/pool/{poolid}", ["Pool.Allocate"]] },
    handle: ({ cluster, params }) => deletePool(cluster, params.poolid!),
  },
  {
    // `read_pool` (deprecated, still served): the index entry for that pool, without its poolid.
    method: "GET",
    path: "/pools/{poolid}",
    params: { poolid: poolIdDef, type: typeDef },
    permissions: { check: ["perm", "/pool/{poolid}", ["Pool.Audit"]] },
    handle: ({ cluster, path, params }) => {
      const { poolid: _poolid, ...pool } = readPool(cluster, path.poolid!, params.type);
      return pool;
    },
  },
  {
    // `update_pool_deprecated`
    method: "PUT",
    path: "/pools/{poolid}",
    params: { poolid: poolIdDef, ...updateDefs },
    permissions: { check: ["perm", "/pool/{poolid}", ["Pool.Allocate"]] },
    handle: (context) => updatePool(context, context.path.poolid!),
  },
  {
    // `delete_pool_deprecated`
    method: "DELETE",
    path: "/pools/{poolid}",
    params: { poolid: poolIdDef },
    permissions: { check: ["perm", "/pool/{poolid}", ["Pool.Allocate"]] },
    handle: ({ cluster, path }) => deletePool(cluster, path.poolid!),
  },
];
