import "server-only";
import { getProxmoxClient } from "@/lib/clusters/client-registry";
import { log } from "@/lib/log";
import type { ProxmoxClient } from "@/lib/proxmox";
import type { AnswerKind } from "@/lib/proxmox/resource-cache";
import type { ClusterResource } from "@/lib/proxmox/schemas";
import { powerStateOf } from "@/lib/vms/power-state";
import { emitLive } from "./live-hub";
import type { ClusterStatuses } from "./live-view";
import { statusPeriodMs } from "./status-period";

interface Poller {
  watchers: number;
  latest: ClusterStatuses | null;
  /** Settles when the first poll has answered or failed. */
  first: Promise<void>;
  timer: NodeJS.Timeout | null;
  stopped: boolean;
  /** The client whose answers it hears, and how to stop hearing them. */
  heard: { client: ProxmoxClient; detach: () => void } | null;
}

// One poller per cluster per process, however many streams watch it.
const holder = globalThis as unknown as { roostStatusPollers?: Map<string, Poller> };
holder.roostStatusPollers ??= new Map();
const pollers = () => holder.roostStatusPollers!;

function sameStatuses(a: ClusterStatuses | null, b: ClusterStatuses): boolean {
  if (!a || a.size !== b.size) return false;
  for (const [vmid, state] of b) if (!a.has(vmid) || a.get(vmid) !== state) return false;
  return true;
}

function take(clusterId: string, poller: Poller, resources: ClusterResource[]): void {
  const statuses = new Map(
    resources
      .filter((item) => item.type === "qemu" && item.vmid !== undefined)
      .map((item) => [item.vmid!, powerStateOf(item.status)] as const),
  );
  if (poller.stopped || sameStatuses(poller.latest, statuses)) return;
  poller.latest = statuses;
  emitLive({ type: "status", clusterId, statuses });
}

function hear(clusterId: string, poller: Poller, resources: ClusterResource[], kind: AnswerKind): void {
  // A fresh answer, whoever asked for it, is this period's poll: the next one comes a period after it.
  if (kind === "read") {
    schedule(clusterId, poller, Date.now());
  }
  take(clusterId, poller, resources);
}

async function poll(clusterId: string, poller: Poller): Promise<void> {
  try {
    const client = await getProxmoxClient(clusterId);
    if (poller.stopped) return;
    // Every fresh answer counts, also those a page render or an action's aftermath asked for.
    if (poller.heard?.client !== client) {
      poller.heard?.detach();
      poller.heard = {
        client,
        detach: client.resources.onAnswer((answer, kind) => hear(clusterId, poller, answer, kind)),
      };
    }
    // A read a page or an action made less than a period ago is this period's: no second one.
    const resources = await client.resources.get({ maxAgeMs: statusPeriodMs() });
    if (!poller.timer && !poller.stopped) {
      // That recent read came before this poller listened: its answer counts, from when it was read.
      take(clusterId, poller, resources);
      schedule(clusterId, poller, Date.now() - (client.resources.ageMs() ?? 0));
    }
  } catch (error) {
    // The last known states stay; the next period asks again.
    log.warn({ err: error, clusterId }, "live status poll failed");
    schedule(clusterId, poller, Date.now());
  }
}

/** The next poll, a period after `from`: the last fresh answer, or a failed attempt. */
function schedule(clusterId: string, poller: Poller, from: number): void {
  if (poller.stopped) return;
  if (poller.timer) clearTimeout(poller.timer);
  poller.timer = setTimeout(
    () => {
      poller.timer = null;
      void poll(clusterId, poller);
    },
    Math.max(0, from + statusPeriodMs() - Date.now()),
  );
  poller.timer.unref();
}

/**
 * Keeps this cluster's guest states polled while anyone watches: the first watcher starts the poller,
 * the last one's `release` stops it. `ready` settles once the first answer (or failure) is in.
 */
export function watchClusterStatus(clusterId: string): { ready: Promise<void>; release: () => void } {
  let poller = pollers().get(clusterId);
  if (!poller) {
    const created: Poller = {
      watchers: 0,
      latest: null,
      first: Promise.resolve(),
      timer: null,
      stopped: false,
      heard: null,
    };
    created.first = poll(clusterId, created);
    pollers().set(clusterId, created);
    poller = created;
    log.debug({ clusterId }, "live status poller started");
  }
  poller.watchers += 1;
  const watched = poller;
  let released = false;
  return {
    ready: watched.first,
    release: () => {
      if (released) return;
      released = true;
      watched.watchers -= 1;
      if (watched.watchers > 0) return;
      watched.stopped = true;
      if (watched.timer) clearTimeout(watched.timer);
      watched.heard?.detach();
      if (pollers().get(clusterId) === watched) pollers().delete(clusterId);
      log.debug({ clusterId }, "live status poller stopped");
    },
  };
}

/** The states the cluster's poller last read, or null when nobody watches it or it has not answered yet. */
export function latestClusterStatuses(clusterId: string): ClusterStatuses | null {
  return pollers().get(clusterId)?.latest ?? null;
}

export function isClusterWatched(clusterId: string): boolean {
  return pollers().has(clusterId);
}
