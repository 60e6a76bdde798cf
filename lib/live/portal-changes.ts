import "server-only";
import type postgres from "postgres";
import { getDatabaseHandle } from "@/db/client";
import { getJob } from "@/db/queries/jobs";
import type { Notice } from "@/db/queries/notify";
import { getVmById, setVmProgress } from "@/db/queries/vms";
import { log } from "@/lib/log";
import { emitLive, liveSubscriberCount } from "./live-hub";

/** The PostgreSQL channel on which every replica hears what another changed. */
export const LIVE_CHANNEL = "roost_live";

export type PortalChange = { type: "vm" | "user" | "job"; id: string };
const changeTypes = new Set(["vm", "user", "job"]);

function parseChange(payload: string): PortalChange | null {
  try {
    const value = JSON.parse(payload) as Partial<PortalChange>;
    if (value.type && changeTypes.has(value.type) && typeof value.id === "string")
      return { type: value.type, id: value.id };
  } catch {
    // not ours
  }
  return null;
}

async function deliver(change: PortalChange): Promise<void> {
  if (liveSubscriberCount() === 0) return;
  if (change.type === "user") {
    emitLive({ type: "user", userId: change.id });
    return;
  }
  // The row as committed, read once per process and fanned out to its streams.
  if (change.type === "job") {
    const job = await getJob({ id: change.id });
    if (job) emitLive({ type: "job", job });
    return;
  }
  const vm = await getVmById({ id: change.id });
  if (vm) emitLive({ type: "vm", vm });
}

async function publish(change: PortalChange): Promise<void> {
  try {
    const handle = getDatabaseHandle();
    // On PostgreSQL every replica, this one included, hears it through LISTEN; PGlite has one process.
    if (handle.driver === "postgres") await handle.client.notify(LIVE_CHANNEL, JSON.stringify(change));
    else await deliver(change);
  } catch (error) {
    // A missed live update is corrected by the next page load; the change itself has been made.
    log.warn({ err: error, change }, "could not publish a live change");
  }
}

/**
 * Runs a write of the VM's record or timeline, and tells open pages of it: on PostgreSQL the write sends
 * the notice in its own statement (one round trip, delivered as it commits); on PGlite after it.
 */
export async function writeAndPublishVm<T>(vmId: string, write: (notify?: Notice) => Promise<T>): Promise<T> {
  const change: PortalChange = { type: "vm", id: vmId };
  if (getDatabaseHandle().driver === "postgres")
    return write({ channel: LIVE_CHANNEL, payload: JSON.stringify(change) });
  const written = await write();
  await publish(change);
  return written;
}

/** A VM being made says what it is doing now, and its open pages learn of it. */
export const reportVmProgress = (vmId: string, line: { stateDetail: string; progress: number | null }) =>
  writeAndPublishVm(vmId, (notify) => setVmProgress({ id: vmId, ...line }, { notify }));

/** Open pages showing this VM learn of its new record. Call after the change is committed. */
export function publishVmChange(vmId: string): Promise<void> {
  return publish({ type: "vm", id: vmId });
}

/** Admin pages following jobs learn of this job's new state or progress. */
export function publishJobChange(jobId: string): Promise<void> {
  return publish({ type: "job", id: jobId });
}

/** Open streams of this person check their account again (disabled, role changed). */
export function publishUserChange(userId: string): Promise<void> {
  return publish({ type: "user", id: userId });
}

const holder = globalThis as unknown as {
  roostLiveListen?: { client: postgres.Sql; ready: Promise<void> };
};

/** On PostgreSQL, hears the other replicas' changes from now on; once per database client. */
export function listenForPortalChanges(): Promise<void> {
  const handle = getDatabaseHandle();
  if (handle.driver !== "postgres") return Promise.resolve();
  if (holder.roostLiveListen?.client === handle.client) return holder.roostLiveListen.ready;
  const ready = handle.client
    .listen(LIVE_CHANNEL, (payload) => {
      const change = parseChange(payload);
      if (change)
        deliver(change).catch((error) => log.warn({ err: error, change }, "could not deliver a live change"));
    })
    .then(() => undefined);
  const listening = { client: handle.client, ready };
  holder.roostLiveListen = listening;
  ready.catch(() => {
    if (holder.roostLiveListen === listening) holder.roostLiveListen = undefined;
  });
  return ready;
}
