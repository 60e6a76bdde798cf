import type { PermissionChecker, RoutePermissions } from "./access/check";
import type { PveVersion } from "./access/privileges";
import type { SimCluster } from "./cluster";
import type { ParamDefs } from "./params";
import type { SimRelease } from "./release";

export type Method = "GET" | "POST" | "PUT" | "DELETE";

export interface RouteContext {
  cluster: SimCluster;
  params: Record<string, string>;
  path: Record<string, string>;
  /** The API token id that made the call, as PVE records it on tasks. */
  user: string;
  /** The caller's privileges, for the checks PVE makes inside a handler. */
  perm: PermissionChecker;
}

export interface Route {
  method: Method;
  /** As written in PVE's API schema, e.g. /nodes/{node}/qemu/{vmid}/config */
  path: string;
  params: ParamDefs;
  /** The `permissions` of this method in PVE's API schema, per version where they differ. */
  permissions: RoutePermissions | Record<PveVersion, RoutePermissions>;
  handle(context: RouteContext): unknown | Promise<unknown>;
  /** The releases that have the route; absent: every simulated release. */
  releases?: SimRelease[];
}

/**
 * A handler's answer that is a file, not JSON: pve-http-server streams a method's `download`
 * (`download_allowed => 1`, e.g. FileRestore.pm download) with its content type.
 */
export class SimDownload {
  constructor(
    readonly body: Buffer,
    readonly contentType = "application/octet-stream",
  ) {}
}

export interface MatchedRoute {
  route: Route;
  pathParams: Record<string, string>;
}

export function matchRoute(
  routes: Route[],
  method: string,
  path: string,
  release?: SimRelease,
): MatchedRoute | "no-method" | null {
  let pathMatched = false;
  for (const route of routes) {
    if (release && route.releases && !route.releases.includes(release)) continue;
    const names: string[] = [];
    const pattern = new RegExp(
      `^${route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
        names.push(name);
        return "([^/]+)";
      })}$`,
    );
    const match = pattern.exec(path);
    if (!match) continue;
    pathMatched = true;
    if (route.method !== method) continue;
    return {
      route,
      pathParams: Object.fromEntries(
        names.map((name, index) => [name, decodeURIComponent(match[index + 1]!)]),
      ),
    };
  }
  return pathMatched ? "no-method" : null;
}

export function routePermissions(route: Route, version: PveVersion): RoutePermissions {
  const { permissions } = route;
  return "user" in permissions || "check" in permissions ? permissions : permissions[version];
}
