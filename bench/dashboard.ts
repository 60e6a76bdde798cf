import { listVmsForOwner } from "@/db/queries/vms";
import { vms } from "@/db/schema";
import { getQuotaStatus } from "@/lib/quotas/effective-quota";
import { userAccount } from "@/lib/quotas/quota-account";
import { withLiveState } from "@/lib/vms/live-state";
import { benchPortal } from "./portal-fixtures";
import { median, percentile, round } from "./stats";

/**
 * Issue #4: the dashboard of a member with 50 VMs on a cluster of 5,000 — server time per refresh and
 * upstream Proxmox calls per refresh, with the shared resource cache and, as the baseline, without it.
 */
async function measure(resourceCacheMs: number) {
  const portal = await benchPortal({ extraVms: 5000, resourceCacheMs });
  await portal.db.insert(vms).values(
    Array.from({ length: 50 }, (_, index) => ({
      clusterId: "default",
      ownerId: portal.user.id,
      name: `vm-${1000 + index * 97}`,
      vmid: 1000 + index * 97,
      node: `pve${((index * 97) % 3) + 1}`,
      state: "running" as const,
      cores: 2,
      memoryMb: 2048,
      diskGb: 20,
    })),
  );
  const times: number[] = [];
  const before = portal.client.upstreamCalls;
  for (let refresh = 0; refresh < 100; refresh++) {
    const started = performance.now();
    const [records] = await Promise.all([
      listVmsForOwner({ ownerId: portal.user.id }),
      getQuotaStatus(userAccount(portal.user.id)),
    ]);
    const { vms: live } = await withLiveState(records);
    if (live.length !== 50 || live.some((vm) => vm.live !== "running"))
      throw new Error("the dashboard lost VMs");
    times.push(performance.now() - started);
  }
  const calls = (portal.client.upstreamCalls - before) / 100;
  await portal.close();
  return {
    medianMs: round(median(times)),
    p95Ms: round(percentile(times, 95)),
    upstreamCallsPerRefresh: round(calls, 3),
  };
}

const cached = await measure(5000);
const uncached = await measure(0);
console.log(
  JSON.stringify({
    bench: "dashboard",
    memberVms: 50,
    clusterVms: 5002,
    refreshes: 100,
    withCache: cached,
    withoutCache: uncached,
  }),
);
