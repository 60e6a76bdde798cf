import { counter, histogram } from "./registry";

const duration = () =>
  histogram({
    name: "roost_proxmox_request_duration_seconds",
    help: "Time of each HTTP request to a Proxmox VE API, by cluster, method and outcome (ok or error kind)",
    labelNames: ["cluster", "method", "outcome"],
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  });

const errors = () =>
  counter({
    name: "roost_proxmox_errors_total",
    help: "Failed requests to a Proxmox VE API, by cluster and kind (connection, timeout, auth, server, …)",
    labelNames: ["cluster", "kind"],
  });

export interface ProxmoxCall {
  cluster: string;
  method: string;
  durationMs: number;
  /** The ProxmoxError kind when the request failed. */
  errorKind?: string;
}

export function observeProxmoxCall({ cluster, method, durationMs, errorKind }: ProxmoxCall): void {
  duration().observe({ cluster, method, outcome: errorKind ?? "ok" }, durationMs / 1000);
  if (errorKind) errors().inc({ cluster, kind: errorKind });
}
