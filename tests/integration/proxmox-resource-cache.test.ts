import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestCluster, type TestCluster } from "../helpers/pve-sim";

let cluster: TestCluster;
beforeAll(async () => {
  cluster = await startTestCluster({}, { resourceCacheMs: 60_000 });
});
afterAll(() => cluster.close());

describe("the shared cluster-resources cache", () => {
  it("serves 100 dashboards refreshing at once with one upstream call", async () => {
    const before = cluster.client.upstreamCalls;
    const answers = await Promise.all(Array.from({ length: 100 }, () => cluster.client.resources.get()));
    expect(cluster.client.upstreamCalls - before).toBe(1);
    expect(new Set(answers).size).toBe(1);
    await cluster.client.resources.get();
    expect(cluster.client.upstreamCalls - before).toBe(1);
  });

  it("asks again once the answer is older than the caller accepts", async () => {
    const before = cluster.client.upstreamCalls;
    await cluster.client.resources.get({ maxAgeMs: 0 });
    expect(cluster.client.upstreamCalls - before).toBe(1);
  });
});
