import { counter, histogram } from "./registry";

const requests = () =>
  counter({
    name: "roost_http_requests_total",
    help: "Requests answered by the portal's route handlers, by route, method and status",
    labelNames: ["route", "method", "status"],
  });

const duration = () =>
  histogram({
    name: "roost_http_request_duration_seconds",
    help: "Time the portal's route handlers took to answer, by route and method",
    labelNames: ["route", "method"],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  });

/** Counts one answered request under `route`, the route's pattern (not its URL). */
export function recordRequest(route: string, method: string, status: number, seconds: number): void {
  requests().inc({ route, method, status: String(status) });
  duration().observe({ route, method }, seconds);
}

/** Wraps a route handler so its requests are counted under `route`, the route's pattern (not its URL). */
export function countRequests<A extends [Request, ...unknown[]]>(
  route: string,
  handler: (...args: A) => Response | Promise<Response>,
): (...args: A) => Promise<Response> {
  return async (...args) => {
    const started = performance.now();
    let status = 500;
    try {
      const response = await handler(...args);
      status = response.status;
      return response;
    } finally {
      recordRequest(route, args[0].method, status, (performance.now() - started) / 1000);
    }
  };
}
