import { request } from "node:https";
import type { RunningSimulator } from "@/pve-sim";
import type { ClusterState } from "@/pve-sim/state/model";

export interface SimAnswer<T = unknown> {
  status: number;
  data: T;
  message?: string;
  errors?: Record<string, string>;
}

/** One raw API call to the simulator, for routes the portal's client does not make. */
export function simRequest<T = unknown>(
  sim: RunningSimulator,
  method: string,
  path: string,
  params: Record<string, string> = {},
  authorization = `PVEAPIToken=${sim.token}`,
): Promise<SimAnswer<T>> {
  const body = new URLSearchParams(params).toString();
  const withBody = method === "POST" || method === "PUT";
  const url = new URL(`${sim.apiUrl}${path}${withBody || !body ? "" : `?${body}`}`);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method,
        ca: sim.ca,
        headers: { Authorization: authorization, "Content-Type": "application/x-www-form-urlencoded" },
      },
      (res) => {
        let text = "";
        res.on("data", (chunk) => {
          text += chunk;
        });
        res.on("end", () => {
          const parsed = text ? JSON.parse(text) : {};
          resolve({
            status: res.statusCode ?? 0,
            data: parsed.data,
            message: parsed.message?.trim(),
            errors: parsed.errors,
          });
        });
      },
    );
    req.on("error", reject);
    req.end(withBody ? body : undefined);
  });
}

/** The simulator's `GET /_sim/state` over HTTP, as a tool outside the process would read it. */
export function simStateOverHttp(sim: RunningSimulator): Promise<ClusterState> {
  return new Promise((resolve, reject) => {
    const req = request(
      new URL(`${sim.url}/_sim/state`),
      { ca: sim.ca, headers: { Authorization: `PVEAPIToken=${sim.token}` } },
      (res) => {
        let text = "";
        res.on("data", (chunk) => {
          text += chunk;
        });
        res.on("end", () => (res.statusCode === 200 ? resolve(JSON.parse(text)) : reject(new Error(text))));
      },
    );
    req.on("error", reject);
    req.end();
  });
}
