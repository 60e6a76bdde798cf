import { randomUUID } from "node:crypto";
import { permissionDenied, type RoutePermissions } from "../access/check";
import { type AclEntry, type SimUser, splitTokenId } from "../access/model";
import { normalizePath } from "../access/permissions";
import { SimError } from "../errors";
import type { ParamDefs } from "../params";
import type { Route, RouteContext } from "../router";

/**
 * The access API the way pve-access-control answers it: users and tokens (`src/PVE/API2/User.pm`), roles
 * (`Role.pm`), ACLs (`ACL.pm`) and effective permissions (`AccessControl.pm` `permissions`).
 */
const userid = { type: "string", pattern: /^[^\s:/]+@[A-Za-z][A-Za-z0-9.\-_]+$/, maxLength: 64 } as const;
const tokenName = { type: "string", pattern: /^[A-Za-z][A-Za-z0-9.\-_]+$/ } as const;
const roleid = { type: "string", pattern: /^[A-Za-z0-9.\-_]+$/ } as const;
const userPath: ParamDefs = { userid };
const tokenPath: ParamDefs = { userid, tokenid: tokenName };
const self: RoutePermissions = { check: ["or", ["userid-param", "self"], ["userid-group", ["User.Modify"]]] };

/** `lock_user_config` prefixes a failure with what was being done. */
function failed(action: string, message: string): SimError {
  return new SimError(500, `${action}: ${message}`);
}

function findUser(context: RouteContext, id: string | undefined): SimUser {
  const user = context.cluster.access.config.users.find((candidate) => candidate.userid === id);
  if (!user) throw new SimError(500, `no such user ('${id}')`);
  return user;
}

function split(list: string | undefined): string[] {
  return (list ?? "").split(/[,;\s]+/).filter(Boolean);
}

/** `check_path` (AccessControl.pm): the ACL paths PVE knows. */
const aclPaths = [
  /^\/$/,
  /^\/(access|nodes|pool|sdn|storage|vms|mapping)$/,
  /^\/access\/(groups|realm)(\/[^/]+)?$/,
  /^\/nodes\/[^/]+$/,
  /^\/pool\/[^/]+(\/[^/]+){0,2}$/,
  /^\/sdn\/zones(\/[^/]+){0,3}$/,
  /^\/sdn\/vnets\/[^/]+$/,
  /^\/storage\/[^/]+$/,
  /^\/vms\/\d+$/,
  /^\/mapping\/(dir|pci|usb|notifications)(\/[^/]+)?$/,
];

export const accessRoutes: Route[] = [
  {
    method: "GET",
    path: "/access/users",
    params: { enabled: { type: "boolean", optional: true }, full: { type: "boolean", optional: true } },
    permissions: { user: "all" },
    handle: ({ cluster, params, perm }) => {
      const access = cluster.access.config;
      const seeAll = perm.allowed("/access/groups", ["User.Modify", "Sys.Audit"], true);
      const owner = splitTokenId(perm.authid)?.userid ?? perm.authid;
      return access.users
        .filter((user) => seeAll || user.userid === owner)
        .filter((user) => params.enabled === undefined || user.enable === (params.enabled === "1"))
        .map((user) => ({
          userid: user.userid,
          enable: user.enable ? 1 : 0,
          expire: user.expire,
          ...(user.comment ? { comment: user.comment } : {}),
          ...(user.email ? { email: user.email } : {}),
          ...(user.groups.length ? { groups: user.groups.join(",") } : {}),
          ...(params.full === "1"
            ? {
                tokens: user.tokens.map((t) => ({
                  tokenid: t.name,
                  privsep: t.privsep ? 1 : 0,
                  expire: t.expire,
                })),
              }
            : {}),
        }));
    },
  },
  {
    method: "POST",
    path: "/access/users",
    params: {
      userid,
      comment: { type: "string", optional: true, maxLength: 2048 },
      email: { type: "string", optional: true, maxLength: 254 },
      enable: { type: "boolean", optional: true },
      expire: { type: "integer", optional: true, minimum: 0 },
      firstname: { type: "string", optional: true, maxLength: 1024 },
      lastname: { type: "string", optional: true, maxLength: 1024 },
      groups: { type: "string", optional: true },
      keys: { type: "string", optional: true, pattern: /^[0-9a-zA-Z!=]{0,4096}$/ },
      password: { type: "string", optional: true, maxLength: 64 },
    },
    permissions: {
      check: [
        "and",
        ["userid-param", "Realm.AllocateUser"],
        ["userid-group", ["User.Modify"], "groups_param", "create"],
      ],
    },
    handle: ({ cluster, params }) => {
      const access = cluster.access.config;
      if (access.users.some((user) => user.userid === params.userid))
        throw failed("create user failed", `user '${params.userid}' already exists`);
      for (const group of split(params.groups))
        if (!access.groups.some((candidate) => candidate.groupid === group))
          throw failed("create user failed", `no such group '${group}'`);
      access.users.push({
        userid: params.userid!,
        enable: params.enable !== "0",
        expire: Number(params.expire ?? 0),
        comment: params.comment,
        email: params.email,
        firstname: params.firstname,
        lastname: params.lastname,
        groups: split(params.groups),
        tokens: [],
      });
      return null;
    },
  },
  {
    method: "GET",
    path: "/access/users/{userid}",
    params: userPath,
    permissions: { check: ["userid-group", ["User.Modify", "Sys.Audit"]] },
    handle: (context) => {
      const user = findUser(context, context.path.userid);
      return {
        enable: user.enable ? 1 : 0,
        expire: user.expire,
        groups: user.groups,
        tokens: Object.fromEntries(
          user.tokens.map((t) => [t.name, { privsep: t.privsep ? 1 : 0, expire: t.expire }]),
        ),
        ...(user.comment ? { comment: user.comment } : {}),
      };
    },
  },
  {
    method: "DELETE",
    path: "/access/users/{userid}",
    params: userPath,
    permissions: {
      check: ["and", ["userid-param", "Realm.AllocateUser"], ["userid-group", ["User.Modify"]]],
    },
    handle: (context) => {
      const user = findUser(context, context.path.userid);
      const access = context.cluster.access.config;
      access.users = access.users.filter((candidate) => candidate !== user);
      // delete_user removes the user's and their tokens' ACL entries with them.
      access.acl = access.acl.filter(
        (entry) => entry.ugid !== user.userid && splitTokenId(entry.ugid)?.userid !== user.userid,
      );
      return null;
    },
  },
  {
    method: "GET",
    path: "/access/users/{userid}/token",
    params: userPath,
    permissions: self,
    handle: (context) =>
      findUser(context, context.path.userid).tokens.map((t) => ({
        tokenid: t.name,
        privsep: t.privsep ? 1 : 0,
        expire: t.expire,
        ...(t.comment ? { comment: t.comment } : {}),
      })),
  },
  {
    method: "GET",
    path: "/access/users/{userid}/token/{tokenid}",
    params: tokenPath,
    permissions: self,
    handle: (context) => {
      const token = findUser(context, context.path.userid).tokens.find(
        (t) => t.name === context.path.tokenid,
      );
      if (!token)
        throw new SimError(500, `no such token '${context.path.tokenid}' for user '${context.path.userid}'`);
      return {
        privsep: token.privsep ? 1 : 0,
        expire: token.expire,
        ...(token.comment ? { comment: token.comment } : {}),
      };
    },
  },
  {
    method: "POST",
    path: "/access/users/{userid}/token/{tokenid}",
    params: {
      ...tokenPath,
      comment: { type: "string", optional: true },
      expire: { type: "integer", optional: true, minimum: 0 },
      privsep: { type: "boolean", optional: true },
    },
    permissions: self,
    handle: (context) => {
      const user = findUser(context, context.path.userid);
      if (user.tokens.some((t) => t.name === context.path.tokenid))
        throw new SimError(400, "Parameter verification failed.", { tokenid: "Token already exists." });
      const info = {
        privsep: context.params.privsep !== "0",
        expire: Number(context.params.expire ?? user.expire),
        comment: context.params.comment,
      };
      const secret = randomUUID();
      user.tokens.push({ name: context.path.tokenid!, secret, ...info });
      return {
        "full-tokenid": `${user.userid}!${context.path.tokenid}`,
        info: {
          privsep: info.privsep ? 1 : 0,
          ...(info.expire ? { expire: info.expire } : {}),
          ...(info.comment ? { comment: info.comment } : {}),
        },
        value: secret,
      };
    },
  },
  {
    method: "DELETE",
    path: "/access/users/{userid}/token/{tokenid}",
    params: tokenPath,
    permissions: self,
    handle: (context) => {
      const user = findUser(context, context.path.userid);
      const full = `${user.userid}!${context.path.tokenid}`;
      if (!user.tokens.some((t) => t.name === context.path.tokenid))
        throw failed(
          "deleting token failed",
          `no such token '${context.path.tokenid}' for user '${user.userid}'`,
        );
      user.tokens = user.tokens.filter((t) => t.name !== context.path.tokenid);
      const access = context.cluster.access.config;
      access.acl = access.acl.filter((entry) => !(entry.type === "token" && entry.ugid === full));
      return null;
    },
  },
  {
    method: "GET",
    path: "/access/roles",
    params: {},
    permissions: { user: "all" },
    handle: ({ cluster }) =>
      cluster.access.roleIds().map((id) => ({
        roleid: id,
        privs: [...(cluster.access.rolePrivileges(id) ?? [])].sort().join(","),
        special: cluster.access.isBuiltInRole(id) ? 1 : 0,
      })),
  },
  {
    method: "GET",
    path: "/access/roles/{roleid}",
    params: { roleid },
    permissions: { user: "all" },
    handle: ({ cluster, path }) => {
      const privs = cluster.access.rolePrivileges(path.roleid!);
      if (!privs) throw new SimError(500, `role '${path.roleid}' does not exist`);
      return Object.fromEntries([...privs].map((priv) => [priv, 1]));
    },
  },
  {
    method: "POST",
    path: "/access/roles",
    params: { roleid, privs: { type: "string", optional: true } },
    permissions: { check: ["perm", "/access", ["Sys.Modify"]] },
    handle: ({ cluster, params }) => {
      if (cluster.access.rolePrivileges(params.roleid!))
        throw failed("create role failed", `role '${params.roleid}' already exists`);
      cluster.access.config.roles.push({
        roleid: params.roleid!,
        privs: checkedPrivs(cluster.access, params.privs),
      });
      return null;
    },
  },
  {
    method: "PUT",
    path: "/access/roles/{roleid}",
    params: {
      roleid,
      privs: { type: "string", optional: true },
      append: { type: "boolean", optional: true },
    },
    permissions: { check: ["perm", "/access", ["Sys.Modify"]] },
    handle: ({ cluster, path, params }) => {
      if (cluster.access.isBuiltInRole(path.roleid!)) throw new SimError(500, "cannot modify special role");
      const role = cluster.access.config.roles.find((candidate) => candidate.roleid === path.roleid);
      if (!role) throw failed("update role failed", `role '${path.roleid}' does not exist`);
      const privs = checkedPrivs(cluster.access, params.privs);
      role.privs = params.append === "1" ? [...new Set([...role.privs, ...privs])] : privs;
      return null;
    },
  },
  {
    method: "DELETE",
    path: "/access/roles/{roleid}",
    params: { roleid },
    permissions: { check: ["perm", "/access", ["Sys.Modify"]] },
    handle: ({ cluster, path }) => {
      if (cluster.access.isBuiltInRole(path.roleid!)) throw new SimError(500, "cannot delete special role");
      const access = cluster.access.config;
      if (!access.roles.some((role) => role.roleid === path.roleid))
        throw failed("delete role failed", `role '${path.roleid}' does not exist`);
      access.roles = access.roles.filter((role) => role.roleid !== path.roleid);
      access.acl = access.acl.filter((entry) => entry.roleid !== path.roleid);
      return null;
    },
  },
  {
    method: "GET",
    path: "/access/acl",
    params: {},
    permissions: { user: "all" },
    handle: ({ cluster, perm }) =>
      cluster.access.config.acl
        .filter((entry) => perm.allowed(entry.path, ["Permissions.Modify", "Sys.Audit"], true))
        .map((entry) => ({
          path: entry.path,
          type: entry.type,
          ugid: entry.ugid,
          roleid: entry.roleid,
          propagate: entry.propagate ? 1 : 0,
        })),
  },
  {
    method: "PUT",
    path: "/access/acl",
    params: {
      path: { type: "string" },
      roles: { type: "string" },
      users: { type: "string", optional: true },
      groups: { type: "string", optional: true },
      tokens: { type: "string", optional: true },
      propagate: { type: "boolean", optional: true },
      delete: { type: "boolean", optional: true },
    },
    permissions: { check: ["perm-modify", "{path}"] },
    handle: ({ cluster, params, perm }) => {
      if (!params.users && !params.groups && !params.tokens) {
        const message = "either 'users', 'groups' or 'tokens' is required.";
        throw new SimError(400, "Parameter verification failed.", {
          users: message,
          groups: message,
          tokens: message,
        });
      }
      const path = normalizePath(params.path!);
      if (!path || (params.delete !== "1" && !aclPaths.some((pattern) => pattern.test(path))))
        throw new SimError(400, "Parameter verification failed.", {
          path: `invalid ACL path '${params.path}'`,
        });
      const access = cluster.access;
      const propagate = params.propagate !== "0";
      const remove = params.delete === "1";
      const held = access.permissions(perm.authid, path);
      const subjects: Omit<AclEntry, "path" | "roleid" | "propagate">[] = [];
      for (const group of split(params.groups)) {
        if (!access.config.groups.some((candidate) => candidate.groupid === group))
          throw failed("ACL update failed", `group '${group}' does not exist`);
        subjects.push({ type: "group", ugid: group });
      }
      for (const user of split(params.users)) {
        if (!access.config.users.some((candidate) => candidate.userid === user))
          throw failed("ACL update failed", `user '${user}' does not exist`);
        subjects.push({ type: "user", ugid: user });
      }
      for (const token of split(params.tokens)) {
        if (!access.tokenInfo(token)) throw failed("ACL update failed", `no such token '${token}'`);
        subjects.push({ type: "token", ugid: token });
      }
      for (const role of split(params.roles)) {
        const privs = access.rolePrivileges(role);
        if (!privs) throw failed("ACL update failed", `role '${role}' does not exist`);
        if (!("Permissions.Modify" in held)) {
          const verb = remove ? "remove" : "add";
          for (const priv of privs) {
            if (!(priv in held))
              throw new SimError(400, "Parameter verification failed.", {
                role: `Cannot ${verb} role '${role}' - requires 'Permissions.Modify' or superset of privileges.`,
              });
          }
          if (role === "NoAccess") throw permissionDenied();
        }
        for (const subject of subjects) {
          access.config.acl = access.config.acl.filter(
            (entry) =>
              !(
                entry.path === path &&
                entry.type === subject.type &&
                entry.ugid === subject.ugid &&
                entry.roleid === role
              ),
          );
          if (!remove) access.config.acl.push({ path, roleid: role, propagate, ...subject });
        }
      }
      return null;
    },
  },
  {
    method: "GET",
    path: "/access/permissions",
    params: {
      path: { type: "string", optional: true },
      userid: {
        type: "string",
        optional: true,
        pattern: /^[^\s:/]+@[A-Za-z][A-Za-z0-9.\-_]+(![A-Za-z][A-Za-z0-9.\-_]+)?$/,
      },
    },
    permissions: { user: "all" },
    handle: ({ cluster, params, perm }) => {
      const target = params.userid ?? perm.authid;
      const owner = splitTokenId(target)?.userid;
      if (target !== perm.authid && owner !== perm.authid) perm.check("/access", ["Sys.Audit"]);
      const asFlags = (privs: Record<string, boolean>) =>
        Object.fromEntries(Object.entries(privs).map(([priv, propagate]) => [priv, propagate ? 1 : 0]));
      if (params.path) return { [params.path]: asFlags(cluster.access.permissions(target, params.path)) };
      return Object.fromEntries(
        Object.entries(cluster.access.effectivePermissions(target)).map(([path, privs]) => [
          path,
          asFlags(privs),
        ]),
      );
    },
  },
];

/** `verify_privlist`: every name must be a privilege this version knows. */
function checkedPrivs(access: RouteContext["cluster"]["access"], list: string | undefined): string[] {
  const privs = split(list);
  const valid = access.rolePrivileges("Administrator")!;
  for (const priv of privs)
    if (!valid.has(priv))
      throw new SimError(400, "Parameter verification failed.", { privs: `invalid privilege '${priv}'` });
  return privs;
}
