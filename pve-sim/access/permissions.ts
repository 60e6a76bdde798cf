import type { ClusterState } from "../state/model";
import { type AccessState, splitTokenId } from "./model";
import { builtInRoles, type PveVersion } from "./privileges";

/** privilege → propagate flag, as `$rpcenv->permissions` returns; a key present means the privilege is held. */
export type PrivilegeMap = Record<string, boolean>;

/** `normalize_path` (AccessControl.pm): collapse slashes, drop a trailing one; null when not an ACL path. */
export function normalizePath(path: string): string | null {
  if (!path) return null;
  let normal = path.replace(/\/+/g, "/").replace(/\/$/, "") || "/";
  if (!normal.startsWith("/")) normal = `/${normal}`;
  return /^[A-Za-z0-9.\-_/]+$/.test(normal) ? normal : null;
}

/** The access side of the cluster: who holds which privilege where, computed as pve-access-control does. */
export class AccessControl {
  private readonly builtIn: Record<string, Set<string>>;

  constructor(
    private readonly state: ClusterState,
    readonly version: PveVersion,
  ) {
    this.builtIn = builtInRoles(version);
  }

  /** What user.cfg holds: users, tokens, groups, custom roles and the ACL. */
  get config(): AccessState {
    return this.state.access;
  }

  rolePrivileges(roleid: string): Set<string> | undefined {
    const custom = this.config.roles.find((role) => role.roleid === roleid);
    return custom ? new Set(custom.privs) : this.builtIn[roleid];
  }

  isBuiltInRole(roleid: string): boolean {
    return roleid in this.builtIn;
  }

  roleIds(): string[] {
    return [...Object.keys(this.builtIn), ...this.config.roles.map((role) => role.roleid)];
  }

  /**
   * `PVE::AccessControl::roles`: walk the path from `/`; at each level the token's own entries win, then
   * the user's, then the groups'; a role set on a parent applies below only when it propagates. Pools are
   * not considered here.
   */
  roles(authid: string, path: string): Record<string, boolean> {
    if (authid === "root@pam") return { Administrator: true };
    const token = splitTokenId(authid);
    if (token) {
      const info = this.tokenInfo(authid);
      if (!info) return {};
      if (!info.privsep) return this.roles(token.userid, path);
    }
    const user = this.config.users.find((candidate) => candidate.userid === authid);
    const parts = path === "/" ? [""] : path.split("/");
    let roles: Record<string, boolean> = {};
    let current = "";
    parts.forEach((part, index) => {
      current = part === "" ? "/" : current === "/" ? `/${part}` : `${current}/${part}`;
      const final = index === parts.length - 1;
      const at = this.config.acl.filter((entry) => entry.path === current && (final || entry.propagate));
      const pick = (entries: typeof at) => {
        if (entries.length === 0) return false;
        roles = Object.fromEntries(entries.map((entry) => [entry.roleid, entry.propagate]));
        return true;
      };
      if (pick(at.filter((entry) => entry.type === "token" && entry.ugid === authid))) return;
      if (pick(at.filter((entry) => entry.type === "user" && entry.ugid === authid))) return;
      pick(at.filter((entry) => entry.type === "group" && (user?.groups ?? []).includes(entry.ugid)));
    });
    if ("NoAccess" in roles) return { NoAccess: roles.NoAccess! };
    return roles;
  }

  /**
   * `PVE::RPCEnvironment::permissions`: the roles on the path plus those a VM inherits from its pool (never
   * over NoAccess), turned into privileges; a privilege-separated token keeps only what its user also has.
   */
  permissions(authid: string, path: string): PrivilegeMap {
    if (authid === "root@pam")
      return Object.fromEntries([...this.builtIn.Administrator!].map((p) => [p, true]));
    const token = splitTokenId(authid);
    let userPrivs: PrivilegeMap | null = null;
    if (token) {
      const info = this.tokenInfo(authid);
      if (!info) return {};
      userPrivs = this.permissions(token.userid, path);
      if (!info.privsep) return userPrivs;
    } else if (!this.config.users.some((user) => user.userid === authid)) {
      return {};
    }
    let roles = this.roles(authid, path);
    const poolRoles = this.poolRoles(authid, path);
    if (poolRoles && !("NoAccess" in roles)) {
      if ("NoAccess" in poolRoles) roles = { NoAccess: false };
      else for (const role of Object.keys(poolRoles)) if (!(role in roles)) roles[role] = false;
    }
    const privs: PrivilegeMap = {};
    for (const [roleid, propagate] of Object.entries(roles)) {
      for (const priv of this.rolePrivileges(roleid) ?? []) privs[priv] = (privs[priv] ?? false) || propagate;
    }
    if (userPrivs) {
      const user = userPrivs;
      return Object.fromEntries(
        Object.entries(privs)
          .filter(([p]) => p in user)
          .map(([p, v]) => [p, v && user[p]!]),
      );
    }
    return privs;
  }

  has(authid: string, path: string, privilege: string): boolean {
    return privilege in this.permissions(authid, path);
  }

  /** `get_effective_permissions`: the top-level paths, every ACL path and every pool member's path. */
  effectivePermissions(authid: string): Record<string, PrivilegeMap> {
    const paths = new Set(["/", "/access", "/access/groups", "/nodes", "/pool", "/sdn", "/storage", "/vms"]);
    for (const entry of this.config.acl) paths.add(entry.path);
    for (const vm of this.state.vms) if (vm.pool) paths.add(`/vms/${vm.vmid}`);
    const result: Record<string, PrivilegeMap> = {};
    for (const path of paths) {
      const privs = this.permissions(authid, path);
      if (Object.keys(privs).length > 0) result[path] = privs;
    }
    return result;
  }

  tokenInfo(authid: string) {
    const token = splitTokenId(authid);
    if (!token) return undefined;
    return this.config.users
      .find((user) => user.userid === token.userid)
      ?.tokens.find((t) => t.name === token.name);
  }

  private poolRoles(authid: string, path: string): Record<string, boolean> | null {
    const vmid = /^\/vms\/(\d+)$/.exec(path)?.[1];
    if (!vmid) return null;
    const pool = this.state.vms.find((vm) => vm.vmid === Number(vmid))?.pool;
    if (!pool) return null;
    const roles = this.roles(authid, `/pool/${pool}`);
    return Object.keys(roles).length > 0 ? roles : null;
  }
}
