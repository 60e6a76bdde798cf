import { z } from "zod";
import { type ClusterResource, clusterResourceSchema } from "./schemas";
import type { Transport } from "./transport";

/** Whether an answer came from Proxmox just now, or is the cached one amended by what the portal just did. */
export type AnswerKind = "read" | "amended";

/**
 * Many dashboards refreshing at once cost one upstream call per cluster per period: concurrent callers
 * share the call in flight, and its answer is reused until it is `ttlMs` old.
 */
export class ResourceCache {
  private cached: { at: number; resources: ClusterResource[] } | null = null;
  private inFlight: Promise<ClusterResource[]> | null = null;
  /** Amendments made while a read is out: its answer may have been taken before the task ended. */
  private amendsDuringRead: Amendment[] = [];
  private readonly listeners = new Set<(resources: ClusterResource[], kind: AnswerKind) => void>();

  constructor(
    private readonly transport: Transport,
    private readonly ttlMs = 5000,
    private readonly now: () => number = Date.now,
  ) {}

  async get({ maxAgeMs = this.ttlMs }: { maxAgeMs?: number } = {}): Promise<ClusterResource[]> {
    if (this.cached && this.now() - this.cached.at < maxAgeMs) return this.cached.resources;
    if (!this.inFlight) this.amendsDuringRead = [];
    this.inFlight ??= this.transport
      .call("GET", "/cluster/resources")
      .then((rows) => {
        const resources = this.amendsDuringRead.reduce(
          applyAmendment,
          z.array(clusterResourceSchema).parse(rows),
        );
        this.cached = { at: this.now(), resources };
        this.tell(resources, "read");
        return resources;
      })
      .finally(() => {
        this.inFlight = null;
      });
    return this.inFlight;
  }

  /** How old the cached answer is, in milliseconds; null when there is none. */
  ageMs(): number | null {
    return this.cached ? this.now() - this.cached.at : null;
  }

  /**
   * A power action's task has ended: its guest's state is known without asking again (and sooner than
   * pvestatd would report it). The answer keeps its age, so the next period's read still comes.
   */
  noteGuestStatus(vmid: number, status: "running" | "stopped" | "paused"): void {
    this.amend((item) => (item.type === "qemu" && item.vmid === vmid ? { ...item, status } : item));
  }

  /** The portal destroyed this guest: it is left out of the cached answer. */
  noteGuestGone(vmid: number): void {
    this.amend((item) => (item.type === "qemu" && item.vmid === vmid ? null : item));
  }

  /** The portal made this guest (a restore): it joins the cached answer, stopped, until the next read. */
  noteGuestMade(guest: { vmid: number; node: string; name: string }): void {
    this.amend(appending({ id: `qemu/${guest.vmid}`, type: "qemu", status: "stopped", ...guest }));
  }

  /** Hears every answer, whoever asked for it, and every amendment, until the returned function is called. */
  onAnswer(listener: (resources: ClusterResource[], kind: AnswerKind) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private amend(change: Amendment): void {
    if (this.inFlight) this.amendsDuringRead.push(change);
    if (!this.cached) return;
    const resources = applyAmendment(this.cached.resources, change);
    this.cached = { at: this.cached.at, resources };
    this.tell(resources, "amended");
  }

  private tell(resources: ClusterResource[], kind: AnswerKind): void {
    for (const listener of this.listeners) listener(resources, kind);
  }
}

type Amendment = ((item: ClusterResource) => ClusterResource | null) & { appends?: ClusterResource };

/** An amendment applied to a read still out: drop any copy of the guest the read holds, then add it. */
function appending(guest: ClusterResource): Amendment {
  const change: Amendment = (item) => (item.type === "qemu" && item.vmid === guest.vmid ? null : item);
  change.appends = guest;
  return change;
}

function applyAmendment(resources: ClusterResource[], change: Amendment): ClusterResource[] {
  if (change.appends) return [...resources.map(change).filter((item) => item !== null), change.appends];
  return resources.map(change).filter((item): item is ClusterResource => item !== null);
}
