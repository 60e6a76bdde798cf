import { z } from "zod";
import { ProxmoxClient } from "@/lib/proxmox";
import { clusterResourceSchema } from "@/lib/proxmox/schemas";
import { startSimulator } from "@/pve-sim";
import { seedSimVms } from "./portal-fixtures";
import { median, percentile, round } from "./stats";

/**
 * Two figures from issue #3: how long the client takes to decode a cluster-resources answer of 5,000
 * VMs (against plain JSON.parse of the same bytes), and how many upstream calls 100 dashboards refreshing
 * at once cost with the shared cache (against one call each without it).
 */
const sim = await startSimulator({ port: 0, dataDir: null });
seedSimVms(sim, 5000, { memoryMb: 4096, diskGb: 32, running: (index) => index % 2 === 1 });
const cluster = {
  id: "bench",
  name: "bench",
  apiUrls: [sim.url],
  tokenId: sim.tokenId,
  tokenSecret: sim.tokenSecret,
  fingerprint: sim.fingerprint,
};

// The answer as it crosses the wire, re-serialised from what the simulator sent.
const fetcher = new ProxmoxClient(cluster);
const body = JSON.stringify({ data: await fetcher.transport.call("GET", "/cluster/resources") });
fetcher.close();
const jsonOnly: number[] = [];
const decoded: number[] = [];
for (let run = 0; run < 30; run++) {
  let started = performance.now();
  const parsed = JSON.parse(body) as { data: unknown[] };
  jsonOnly.push(performance.now() - started);
  started = performance.now();
  z.array(clusterResourceSchema).parse((JSON.parse(body) as { data: unknown[] }).data);
  decoded.push(performance.now() - started);
  if (parsed.data.length < 5000) throw new Error("the answer lost VMs");
}

async function dashboards(cacheMs: number): Promise<{ calls: number; ms: number }> {
  const client = new ProxmoxClient(cluster, { resourceCacheMs: cacheMs, concurrency: 8 });
  const started = performance.now();
  // Without the cache each dashboard asks Proxmox itself, as a portal without one would.
  await Promise.all(
    Array.from({ length: 100 }, () =>
      cacheMs ? client.resources.get() : client.transport.call("GET", "/cluster/resources"),
    ),
  );
  const result = { calls: client.upstreamCalls, ms: performance.now() - started };
  client.close();
  return result;
}

const uncached = await dashboards(0);
const cached = await dashboards(5000);
await sim.close();

const figures = {
  bench: "proxmox-resources",
  vms: 5000,
  answerBytes: body.length,
  jsonParseMedianMs: round(median(jsonOnly)),
  decodeMedianMs: round(median(decoded)),
  decodeP95Ms: round(percentile(decoded, 95)),
  decodeOverJsonParse: round(median(decoded) / median(jsonOnly)),
  dashboards: 100,
  upstreamCallsWithoutCache: uncached.calls,
  upstreamCallsWithCache: cached.calls,
  refreshMsWithoutCache: round(uncached.ms),
  refreshMsWithCache: round(cached.ms),
};
console.log(JSON.stringify(figures));
