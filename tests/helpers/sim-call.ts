import { request } from "node:https";
import type { RunningSimulator } from "@/pve-sim";

export interface SimAnswer {
  status: number;
  /** The status line's reason, which PVE makes the first line of its message. */
  reason: string;
  data?: unknown;
  errors?: Record<string, string>;
}

/** One raw API call to the simulator with a given `USER@REALM!TOKEN=SECRET`, form-encoded as PVE expects. */
export function callSim(
  sim: RunningSimulator,
  token: string,
  method: string,
  path: string,
  params: Record<string, string> = {},
): Promise<SimAnswer> {
  const body = new URLSearchParams(params).toString();
  const withBody = method === "POST" || method === "PUT";
  const url = new URL(`${sim.apiUrl}${path}${withBody || !body ? "" : `?${body}`}`);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method,
        ca: sim.ca,
        headers: {
          Authorization: `PVEAPIToken=${token}`,
          "Content-Type": "application/x-www-form-urlencoded",
        },
      },
      (res) => {
        let text = "";
        res.on("data", (chunk) => {
          text += chunk;
        });
        res.on("end", () => {
          const parsed = text
            ? (JSON.parse(text) as { data?: unknown; errors?: Record<string, string> })
            : {};
          resolve({ status: res.statusCode ?? 0, reason: res.statusMessage ?? "", ...parsed });
        });
      },
    );
    req.on("error", reject);
    req.end(withBody ? body : undefined);
  });
}
