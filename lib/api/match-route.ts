import type { ApiMethod, ApiRoute } from "./define-route";

interface CompiledRoute {
  route: ApiRoute;
  pattern: RegExp;
  names: string[];
}

function compile(route: ApiRoute): CompiledRoute {
  const names: string[] = [];
  const source = route.path
    .split("/")
    .map((segment) => {
      const name = /^\{(\w+)\}$/.exec(segment)?.[1];
      if (!name) return segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      names.push(name);
      return "([^/]+)";
    })
    .join("/");
  return { route, pattern: new RegExp(`^${source}$`), names };
}

export type RouteMatch =
  | { kind: "found"; route: ApiRoute; params: Record<string, string> }
  | { kind: "wrong-method"; allow: ApiMethod[] }
  | { kind: "none" };

/** Finds the route for a path under /api/v1 and a method, with the path's parameters decoded. */
export function routeMatcher(routes: readonly ApiRoute[]) {
  // A literal segment wins over a parameter: /vms/from-iso is not the VM "from-iso".
  const compiled = routes.map(compile).sort((a, b) => a.names.length - b.names.length);
  return (method: string, path: string): RouteMatch => {
    const allow: ApiMethod[] = [];
    for (const { route, pattern, names } of compiled) {
      const match = pattern.exec(path);
      if (!match) continue;
      if (route.method !== method) {
        allow.push(route.method);
        continue;
      }
      const params: Record<string, string> = {};
      try {
        names.forEach((name, index) => {
          params[name] = decodeURIComponent(match[index + 1]!);
        });
      } catch {
        return { kind: "none" };
      }
      return { kind: "found", route, params };
    }
    return allow.length ? { kind: "wrong-method", allow } : { kind: "none" };
  };
}
