import { SimError } from "../errors";
import { type AccessControl, normalizePath } from "./permissions";

/**
 * A route's permission rule, written exactly as PVE's API schema has it (the `permissions` of each method;
 * `PVE::RPCEnvironment::exec_api2_perm_check` evaluates it). The conformance test compares each simulated
 * route's rule with both schemas.
 */
export type PermCheck =
  | ["perm", string, string[], ...(string | number)[]]
  | ["and", ...PermCheck[]]
  | ["or", ...PermCheck[]]
  | ["userid-param", "self" | "Realm.AllocateUser"]
  | ["userid-group", string[], ...string[]]
  | ["perm-modify", string];

export type RoutePermissions = { user: "all" } | { check: PermCheck };

/** `raise_perm_exc` (pve-common Exception.pm): 403 "Permission check failed (what)". */
export function permissionDenied(what?: string): SimError {
  return new SimError(403, `Permission check failed${what ? ` (${what})` : ""}`);
}

/** `PVE::Tools::template_replace`: `{name}` becomes the parameter, or `-` when it has none. */
function templateReplace(template: string, params: Record<string, string>): string {
  return template.replace(/\{([^}]+)\}/g, (_, name: string) => params[name] || "-");
}

function options(rest: (string | number)[]): Record<string, string | number> {
  const result: Record<string, string | number> = {};
  for (let index = 0; index + 1 < rest.length; index += 2) result[String(rest[index])] = rest[index + 1]!;
  return result;
}

export class PermissionChecker {
  constructor(
    private readonly access: AccessControl,
    readonly authid: string,
  ) {}

  /** `check`: every privilege on the path, else 403 naming the first missing one. */
  check(path: string, privs: string[]): void {
    const held = this.access.permissions(this.authid, path);
    for (const priv of privs) if (!(priv in held)) throw permissionDenied(`${path}, ${priv}`);
  }

  /** `check_any`: at least one of the privileges, else 403 naming them all. */
  checkAny(path: string, privs: string[]): void {
    const held = this.access.permissions(this.authid, path);
    if (!privs.some((priv) => priv in held)) throw permissionDenied(`${path}, ${privs.join("|")}`);
  }

  allowed(path: string, privs: string[], any = false): boolean {
    const held = this.access.permissions(this.authid, path);
    return any ? privs.some((priv) => priv in held) : privs.every((priv) => priv in held);
  }

  /** `check_vm_perm`: the VM's pool first, then the VM itself. */
  checkVm(vmid: number | string, pool: string | undefined, privs: string[], any = false): void {
    if (pool && this.allowed(`/pool/${pool}`, privs, any)) return;
    if (any) this.checkAny(`/vms/${vmid}`, privs);
    else this.check(`/vms/${vmid}`, privs);
  }

  /** `check_perm_modify`: Permissions.Modify, or the allocate privilege of the path's kind. */
  checkPermModify(path: string): void {
    this.run(["perm-modify", path], {}, false);
  }

  /** `check_api2_permissions`: root@pam passes; `user => 'all'` passes; otherwise the rule decides. */
  checkRoute(permissions: RoutePermissions, params: Record<string, string>): void {
    if (this.authid === "root@pam") return;
    if ("user" in permissions) return;
    this.run(permissions.check, params, false);
  }

  private run(check: PermCheck, params: Record<string, string>, noerr: boolean): boolean {
    const fail = (what?: string) => {
      if (noerr) return false;
      throw permissionDenied(what);
    };
    switch (check[0]) {
      case "and":
        for (const sub of check.slice(1) as PermCheck[]) this.run(sub, params, false);
        return true;
      case "or":
        for (const sub of check.slice(1) as PermCheck[]) if (this.run(sub, params, true)) return true;
        return fail();
      case "perm": {
        const [, template, privs, ...rest] = check;
        const opts = options(rest);
        if (opts.require_param && params[String(opts.require_param)] === undefined) return fail();
        const path = normalizePath(templateReplace(template, params)) ?? "/";
        if (this.allowed(path, privs, Boolean(opts.any))) return true;
        return fail(`${path}, ${opts.any ? privs.join("|") : privs.find((p) => !this.allowed(path, [p]))}`);
      }
      case "userid-param": {
        const userid = params.userid ?? "";
        if (check[1] === "self") {
          if (!this.access.config.users.some((user) => user.userid === userid))
            return fail(`user '${userid}' does not exist`);
          return this.authid === userid ? true : fail();
        }
        const realm = userid.split("@")[1] ?? "";
        const path = `/access/realm/${realm}`;
        return this.allowed(path, ["Realm.AllocateUser"]) || fail(`${path}, Realm.AllocateUser`);
      }
      case "userid-group": {
        const [, privs, ...rest] = check;
        const opts = options(rest);
        if (this.allowed("/access/groups", privs, true)) return true;
        const groups = this.access.config.groups
          .map((group) => group.groupid)
          .filter((groupid) => this.allowed(`/access/groups/${groupid}`, privs, true));
        if (opts.groups_param) {
          const wanted = (params.groups ?? "").split(/[,;\s]+/).filter(Boolean);
          if (wanted.length === 0) return fail(`/access/groups, ${privs.join("|")}`);
          for (const group of wanted)
            if (!groups.includes(group)) return fail(`/access/groups/${group}, ${privs.join("|")}`);
        }
        if (opts.groups_param !== "create") {
          const user = this.access.config.users.find((candidate) => candidate.userid === params.userid);
          if (!user?.groups.some((group) => groups.includes(group))) return fail();
        }
        return true;
      }
      case "perm-modify": {
        const path = normalizePath(templateReplace(check[1], params));
        if (!path) return fail();
        const extra = path.startsWith("/storage/")
          ? "Datastore.Allocate"
          : path.startsWith("/vms/")
            ? "VM.Allocate"
            : path.startsWith("/pool/")
              ? "Pool.Allocate"
              : undefined;
        const privs = ["Permissions.Modify", ...(extra ? [extra] : [])];
        return this.allowed(path, privs, true) || fail(`${path}, ${privs.join("|")}`);
      }
    }
  }
}
