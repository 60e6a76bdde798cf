import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { countLeaseAction } from "@/lib/metrics/lease-metrics";
import { answerMetricsScrape } from "@/lib/metrics/metrics-endpoint";
import { ProxmoxClient } from "@/lib/proxmox";
import { startTestCluster, type TestCluster } from "../helpers/pve-sim";

const token = "metrics-token-0123456789abcdef";
let cluster: TestCluster;

beforeAll(async () => {
  process.env.ROOST_METRICS_TOKEN = token;
  cluster = await startTestCluster();
});
afterAll(() => cluster.close());

async function scrape(authorization?: string): Promise<Response> {
  const { GET } = await import("@/app/api/metrics/route");
  return GET(
    new Request("http://portal/api/metrics", {
      headers: authorization ? { authorization } : {},
    }),
  );
}

describe("Prometheus metrics (/api/metrics)", () => {
  it("does not exist while ROOST_METRICS_TOKEN is unset", async () => {
    const response = await answerMetricsScrape(new Request("http://portal/api/metrics"), undefined);
    expect(response.status).toBe(404);
  });

  it("asks for the token, and refuses a wrong one", async () => {
    const anonymous = await scrape();
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect((await scrape("Bearer not-the-token")).status).toBe(401);
    expect((await scrape(token)).status).toBe(401);
  });

  it("counts Proxmox calls by cluster, their latency and their errors by kind", async () => {
    await cluster.client.version();
    const wrong = new ProxmoxClient({ ...cluster.client.cluster, tokenSecret: "not-the-secret-123" });
    await expect(wrong.version()).rejects.toMatchObject({ kind: "auth" });
    wrong.close();
    countLeaseAction("renewed");

    const response = await scrape(`Bearer ${token}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/plain");
    const text = await response.text();
    expect(text).toMatch(
      /roost_proxmox_request_duration_seconds_count\{cluster="sim",method="GET",outcome="ok"\} [1-9]/,
    );
    expect(text).toMatch(/roost_proxmox_request_duration_seconds_bucket\{le="0.05",cluster="sim"/);
    expect(text).toMatch(/roost_proxmox_errors_total\{cluster="sim",kind="auth"\} 1/);
    expect(text).toMatch(/roost_lease_actions_total\{action="renewed"\} 1/);
    expect(text).toContain("process_resident_memory_bytes");
    expect(text).not.toContain(cluster.tokenSecret);
  });

  it("keeps one registry when its modules load again, as under hot reload", async () => {
    const { metricsRegistry } = await import("@/lib/metrics/registry");
    const registry = metricsRegistry();
    vi.resetModules();
    const reloaded = await import("@/lib/metrics/lease-metrics");
    expect(() => reloaded.countLeaseAction("expired")).not.toThrow();
    expect((await import("@/lib/metrics/registry")).metricsRegistry()).toBe(registry);
    expect(await registry.metrics()).toMatch(/roost_lease_actions_total\{action="expired"\} 1/);
  });

  it("counts the requests its route handlers answer", async () => {
    await scrape(`Bearer ${token}`);
    const text = await (await scrape(`Bearer ${token}`)).text();
    expect(text).toMatch(
      /roost_http_requests_total\{route="\/api\/metrics",method="GET",status="200"\} [1-9]/,
    );
    expect(text).toMatch(/roost_http_requests_total\{route="\/api\/metrics",method="GET",status="401"\} 3/);
  });
});
