import "server-only";
import type { Job, Vm } from "@/db/schema";
import { log } from "@/lib/log";
import type { ClusterStatuses } from "./live-view";

export type LiveEvent =
  /** A cluster's power states changed; every guest's, not only the changed ones. */
  | { type: "status"; clusterId: string; statuses: ClusterStatuses }
  /** The portal changed a VM's record (its state, progress, lease, owner, or deleted it). */
  | { type: "vm"; vm: Vm }
  /** A background job was queued, claimed, reported progress, or ended. */
  | { type: "job"; job: Job }
  /** A person's account changed (disabled, role): their open streams check it again. */
  | { type: "user"; userId: string };

type Listener = (event: LiveEvent) => void;

// One hub per process, shared by the several bundles of one Next server.
const holder = globalThis as unknown as { roostLiveListeners?: Set<Listener> };
holder.roostLiveListeners ??= new Set();
const listeners = () => holder.roostLiveListeners!;

/** Hears every live event of this process until the returned function is called. */
export function subscribeLive(listener: Listener): () => void {
  listeners().add(listener);
  return () => listeners().delete(listener);
}

export function emitLive(event: LiveEvent): void {
  for (const listener of listeners()) {
    try {
      listener(event);
    } catch (error) {
      log.warn({ err: error, event: event.type }, "a live stream failed to take an event");
    }
  }
}

export function liveSubscriberCount(): number {
  return listeners().size;
}
