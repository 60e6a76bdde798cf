import type { SimCluster } from "./cluster";
import type { ParamDefs } from "./params";

export type Method = "GET" | "POST" | "PUT" | "DELETE";

export interface RouteContext {
  cluster: SimCluster;
  params: Record<string, string>;
  path: Record<string, string>;
  /** The API token id that made the call, as PVE records it on tasks. */
  user: string;
}

export interface Route {
  method: Method;
  /** As written in PVE's API schema, e.g. /nodes/{node}/qemu/{vmid}/config */
  path: string;
  params: ParamDefs;
  handle(context: RouteContext): unknown | Promise<unknown>;
}

export interface MatchedRoute {
  route: Route;
  pathParams: Record<string, string>;
}

export function matchRoute(routes: Route[], method: string, path: string): MatchedRoute | "no-method" | null {
  let pathMatched = false;
  for (const route of routes) {
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
