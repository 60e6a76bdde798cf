import { vms } from "@/db/schema";
import { DAY } from "@/lib/leases/lease-dates";
import { sweepLeases } from "@/lib/leases/lease-sweep";
import { benchPortal } from "./portal-fixtures";
import { round } from "./stats";

/**
 * Issue #6: one sweep over 10,000 leases, of which 100 are due a reminder, 50 ended (stop) and 50 are
 * past the grace period (delete); the rest end months away. Time, database statements and Proxmox calls;
 * then, as the baseline, the same sweep again, with nothing left to do.
 */
const total = 10_000;
const portal = await benchPortal({ extraVms: total, taskSpeed: 1000 });
const now = new Date();
const leaseEnd = (index: number) => {
  if (index < 100) return new Date(now.getTime() + 2.5 * DAY);
  if (index < 150) return new Date(now.getTime() - 0.5 * DAY);
  if (index < 200) return new Date(now.getTime() - 10 * DAY);
  return new Date(now.getTime() + (20 + (index % 60)) * DAY);
};
for (let start = 0; start < total; start += 1000) {
  await portal.db.insert(vms).values(
    Array.from({ length: 1000 }, (_, offset) => {
      const index = start + offset;
      return {
        clusterId: "default",
        ownerId: portal.user.id,
        name: `vm-${1000 + index}`,
        vmid: 1000 + index,
        node: `pve${(index % 3) + 1}`,
        state: "running" as const,
        cores: 2,
        memoryMb: 2048,
        diskGb: 20,
        createdAt: new Date(now.getTime() - 30 * DAY),
        leaseExpiresAt: leaseEnd(index),
      };
    }),
  );
}

async function measure() {
  const queriesBefore = portal.queries();
  const callsBefore = portal.client.upstreamCalls;
  const started = performance.now();
  const report = await sweepLeases({ now });
  return {
    ms: round(performance.now() - started, 1),
    queries: portal.queries() - queriesBefore,
    proxmoxCalls: portal.client.upstreamCalls - callsBefore,
    candidates: report.candidates,
    reminded: report.reminded,
    stopped: report.stopped,
    deleted: report.deleted,
    errors: report.errors.length,
  };
}

const first = await measure();
const again = await measure();
await portal.close();
console.log(JSON.stringify({ bench: "lease-sweep", leases: total, firstSweep: first, repeatSweep: again }));
process.exit(0);
