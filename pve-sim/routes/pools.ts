import { SimError } from "../errors";
import type { Route } from "../router";

const poolIdDef = { type: "string", format: "pve-poolid" } as const;

export const poolRoutes: Route[] = [
  {
    method: "GET",
    path: "/pools",
    params: {
      poolid: { ...poolIdDef, optional: true },
      type: { type: "string", optional: true, enum: ["qemu", "lxc", "storage"] },
    },
    permissions: { user: "all" },
    handle: ({ cluster, params, perm }) => {
      // pve-manager PVE/API2/Pool.pm index: only pools with Pool.Audit, unless one is named.
      const pools = cluster.state.pools
        .filter((pool) => !params.poolid || pool.poolid === params.poolid)
        .filter((pool) => params.poolid || perm.allowed(`/pool/${pool.poolid}`, ["Pool.Audit"]));
      if (params.poolid && pools.length === 0)
        throw new SimError(500, `pool '${params.poolid}' does not exist`);
      return pools.map((pool) => ({
        poolid: pool.poolid,
        ...(pool.comment ? { comment: pool.comment } : {}),
        members: cluster.state.vms
          .filter((vm) => vm.pool === pool.poolid)
          .map((vm) => ({
            id: `qemu/${vm.vmid}`,
            type: "qemu",
            vmid: vm.vmid,
            node: vm.node,
            name: vm.config.name,
            status: vm.status,
          })),
      }));
    },
  },
  {
    method: "POST",
    path: "/pools",
    params: { poolid: poolIdDef, comment: { type: "string", optional: true, maxLength: 8192 } },
    permissions: { check: ["perm", "/pool/{poolid}", ["Pool.Allocate"]] },
    handle: ({ cluster, params }) => {
      if (cluster.state.pools.some((pool) => pool.poolid === params.poolid)) {
        throw new SimError(500, `create pool failed: pool '${params.poolid}' already exists`);
      }
      cluster.state.pools.push({ poolid: params.poolid!, comment: params.comment });
      return null;
    },
  },
  {
    method: "PUT",
    path: "/pools",
    params: {
      poolid: poolIdDef,
      comment: { type: "string", optional: true, maxLength: 8192 },
      vms: { type: "string", optional: true },
      delete: { type: "boolean", optional: true },
      "allow-move": { type: "boolean", optional: true },
    },
    permissions: { check: ["perm", "/pool/{poolid}", ["Pool.Allocate"]] },
    handle: ({ cluster, params }) => {
      const pool = cluster.state.pools.find((candidate) => candidate.poolid === params.poolid);
      if (!pool) throw new SimError(500, `pool '${params.poolid}' does not exist`);
      if (params.comment !== undefined) pool.comment = params.comment;
      for (const id of (params.vms ?? "").split(/[,;\s]+/).filter(Boolean)) {
        const vm = cluster.findVm(Number(id));
        if (!vm) throw new SimError(500, `no such VM '${id}'`);
        if (params.delete === "1") {
          if (vm.pool === pool.poolid) vm.pool = undefined;
        } else {
          if (vm.pool && vm.pool !== pool.poolid && params["allow-move"] !== "1") {
            throw new SimError(500, `VM ${id} belongs already to pool '${vm.pool}'`);
          }
          vm.pool = pool.poolid;
        }
      }
      return null;
    },
  },
  {
    method: "DELETE",
    path: "/pools",
    params: { poolid: poolIdDef },
    permissions: { check: ["perm", "/pool/{poolid}", ["Pool.Allocate"]] },
    handle: ({ cluster, params }) => {
      const index = cluster.state.pools.findIndex((pool) => pool.poolid === params.poolid);
      if (index === -1) throw new SimError(500, `pool '${params.poolid}' does not exist`);
      if (cluster.state.vms.some((vm) => vm.pool === params.poolid))
        throw new SimError(500, "pool is not empty");
      cluster.state.pools.splice(index, 1);
      return null;
    },
  },
];
