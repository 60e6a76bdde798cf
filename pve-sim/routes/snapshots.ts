import { SimError } from "../errors";
import { nodeDef, type ParamDefs, vmidDef } from "../params";
import type { Route } from "../router";
import { copyFiles, guestFiles } from "../state/guest-files";

const vmPath: ParamDefs = { node: nodeDef, vmid: vmidDef };
const snapname = { type: "string", format: "pve-configid", maxLength: 40 } as const;

export const snapshotRoutes: Route[] = [
  {
    method: "GET",
    path: "/nodes/{node}/qemu/{vmid}/snapshot",
    params: vmPath,
    permissions: { check: ["perm", "/vms/{vmid}", ["VM.Audit"]] },
    handle: ({ cluster, path }) => {
      const vm = cluster.vmOn(path.node!, Number(path.vmid));
      // The config's `parent` moves to a snapshot at its commit (AbstractConfig.pm __snapshot_commit).
      const last = vm.snapshots.filter((snapshot) => !snapshot.snapstate).at(-1);
      // API2/Qemu.pm snapshot_list lists every section of the config, one still being taken with its
      // `snapstate`.
      return [
        ...vm.snapshots.map((snapshot) => ({
          name: snapshot.name,
          description: snapshot.description,
          snaptime: snapshot.snaptime,
          vmstate: snapshot.vmstate ? 1 : 0,
          ...(snapshot.parent ? { parent: snapshot.parent } : {}),
          ...(snapshot.snapstate ? { snapstate: snapshot.snapstate } : {}),
        })),
        {
          name: "current",
          description: "You are here!",
          digest: vm.config.digest,
          ...(last ? { parent: last.name } : {}),
          ...(vm.status === "running" ? { running: 1 } : {}),
        },
      ];
    },
  },
  {
    method: "POST",
    path: "/nodes/{node}/qemu/{vmid}/snapshot",
    params: {
      ...vmPath,
      snapname,
      description: { type: "string", optional: true },
      vmstate: { type: "boolean", optional: true },
    },
    permissions: { check: ["perm", "/vms/{vmid}", ["VM.Snapshot"]] },
    // API2/Qemu.pm snapshot refuses the reserved names before forking; AbstractConfig.pm
    // __snapshot_prepare checks the template, the lock and the name inside the worker, then sets
    // `lock: snapshot` and writes the snapshot's section with `snapstate: prepare` and the config's
    // copy; __snapshot_commit drops both once the volumes are snapshotted, and a failure deletes the
    // section again (snapshot_create's error path, snapshot_delete with force).
    handle: ({ cluster, path, params, user }) => {
      const vm = cluster.vmOn(path.node!, Number(path.vmid));
      const name = params.snapname!;
      if (name === "current")
        throw new SimError(500, "unable to use snapshot name 'current' (reserved name)");
      if (name.toLowerCase() === "pending")
        throw new SimError(500, "unable to use snapshot name 'pending' (reserved name)");
      let prepared = false;
      return cluster.startTask({
        node: path.node!,
        type: "qmsnapshot",
        id: String(vm.vmid),
        user,
        durationMs: 1000,
        check: () => {
          if (vm.config.template === "1") throw new Error("you can't take a snapshot if it's a template");
          cluster.checkLock(vm);
          if (vm.snapshots.some((snapshot) => snapshot.name === name))
            throw new Error(`snapshot name '${name}' already used`);
          vm.lock = "snapshot";
          vm.snapshots.push({
            name,
            description: params.description ?? "",
            snaptime: Math.floor(cluster.now() / 1000),
            parent: vm.snapshots.filter((snapshot) => !snapshot.snapstate).at(-1)?.name,
            vmstate: params.vmstate === "1",
            snapstate: "prepare",
            config: { ...vm.config },
          });
          prepared = true;
        },
        work: () => {
          const snapshot = vm.snapshots.find((candidate) => candidate.name === name)!;
          snapshot.files = copyFiles(guestFiles(vm, cluster.now()));
          delete snapshot.snapstate;
          vm.lock = undefined;
          return [];
        },
        onFailure: () => {
          if (!prepared) return;
          vm.snapshots = vm.snapshots.filter((candidate) => candidate.name !== name);
          vm.lock = undefined;
        },
      });
    },
  },
  {
    method: "GET",
    path: "/nodes/{node}/qemu/{vmid}/snapshot/{snapname}/config",
    params: { ...vmPath, snapname },
    permissions: {
      check: ["perm", "/vms/{vmid}", ["VM.Snapshot", "VM.Snapshot.Rollback", "VM.Audit"], "any", 1],
    },
    handle: ({ cluster, path }) => {
      const vm = cluster.vmOn(path.node!, Number(path.vmid));
      const snapshot = vm.snapshots.find((candidate) => candidate.name === path.snapname);
      if (!snapshot) throw new SimError(500, `snapshot '${path.snapname}' does not exist`);
      return snapshot.config;
    },
  },
  {
    method: "POST",
    path: "/nodes/{node}/qemu/{vmid}/snapshot/{snapname}/rollback",
    params: { ...vmPath, snapname, start: { type: "boolean", optional: true } },
    permissions: { check: ["perm", "/vms/{vmid}", ["VM.Snapshot", "VM.Snapshot.Rollback"], "any", 1] },
    handle: ({ cluster, path, params, user }) => {
      const vm = cluster.vmOn(path.node!, Number(path.vmid));
      const find = () => {
        const snapshot = vm.snapshots.find((candidate) => candidate.name === path.snapname);
        if (!snapshot) throw new Error(`snapshot '${path.snapname}' does not exist`);
        return snapshot;
      };
      // AbstractConfig.pm snapshot_rollback: the snapshot, then the lock, inside the worker's lock_config.
      return cluster.startTask({
        node: path.node!,
        type: "qmrollback",
        id: String(vm.vmid),
        user,
        durationMs: 1500,
        flocks: [cluster.flock(vm.vmid)],
        check: () => {
          if (vm.config.template === "1") throw new Error("you can't rollback if vm is a template");
          find();
          cluster.checkLock(vm);
        },
        work: () => {
          const snapshot = find();
          if (vm.status === "running" && !snapshot.vmstate) cluster.setRunning(vm, false);
          vm.config = { ...snapshot.config };
          if (snapshot.files) vm.files = copyFiles(snapshot.files);
          if (params.start === "1" && vm.status !== "running") cluster.setRunning(vm, true);
          return [];
        },
      });
    },
  },
  {
    method: "DELETE",
    path: "/nodes/{node}/qemu/{vmid}/snapshot/{snapname}",
    params: { ...vmPath, snapname, force: { type: "boolean", optional: true } },
    permissions: { check: ["perm", "/vms/{vmid}", ["VM.Snapshot"]] },
    handle: ({ cluster, path, user }) => {
      const vm = cluster.vmOn(path.node!, Number(path.vmid));
      // AbstractConfig.pm snapshot_delete: the lock (only `snapshot-delete` may stand) and the snapshot,
      // inside the worker.
      return cluster.startTask({
        node: path.node!,
        type: "qmdelsnapshot",
        id: String(vm.vmid),
        user,
        durationMs: 1000,
        check: () => {
          if (vm.lock && vm.lock !== "snapshot-delete") cluster.checkLock(vm);
          if (!vm.snapshots.some((candidate) => candidate.name === path.snapname))
            throw new Error(`snapshot '${path.snapname}' does not exist`);
        },
        work: () => {
          const index = vm.snapshots.findIndex((candidate) => candidate.name === path.snapname);
          if (index === -1) throw new Error(`snapshot '${path.snapname}' does not exist`);
          const [removed] = vm.snapshots.splice(index, 1);
          for (const child of vm.snapshots)
            if (child.parent === removed!.name) child.parent = removed!.parent;
          return [];
        },
      });
    },
  },
];
