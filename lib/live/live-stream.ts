import "server-only";
import { listJobs } from "@/db/queries/jobs";
import { getUserById } from "@/db/queries/users";
import { getPersonReach, listVisibleVms } from "@/db/queries/vm-access";
import { listAllVms } from "@/db/queries/vms";
import type { Vm } from "@/db/schema";
import type { CurrentUser } from "@/lib/authz/current-user";
import { can } from "@/lib/authz/permissions";
import { joinHeartbeat } from "./heartbeat";
import { liveJobViewOf } from "./job-view";
import { type LiveEvent, subscribeLive } from "./live-hub";
import { type ClusterStatuses, type LiveVmView, liveStatusOf, liveViewOf } from "./live-view";
import { listenForPortalChanges } from "./portal-changes";
import { latestClusterStatuses, watchClusterStatus } from "./status-poller";

/**
 * Whose VMs a stream carries: those the person sees as a member (their own, their projects', those
 * shared with them), or (admins and auditors, on admin pages) everyone's.
 */
export type LiveScope = "own" | "admin";

/** What a stream carries: VMs, or (admin scope only) background jobs for the jobs page. */
export type LiveTopic = "vms" | "jobs";

export interface LiveStreamOptions {
  user: CurrentUser;
  scope: LiveScope;
  topic?: LiveTopic;
  /** Only this VM (a VM's page); otherwise every VM of the scope. */
  vmId?: string;
  retryMs?: number;
}

/** Where a stream's frames go: a Node response (lib/live/node-live-stream.ts) or a web ReadableStream. */
export interface LiveOutput {
  /** Sends text to the tab; answers how many bytes the tab has not taken yet. */
  write(text: string): number;
  /** The stream ended: ends the response, if the tab has not gone already. */
  end(): void;
}

// A tab that reads nothing for this long gets its stream ended; EventSource reconnects to a fresh snapshot.
const MAX_BUFFERED_BYTES = 256 * 1024;
// Account changes are published; this only catches one a lost notification left out, every 4th heartbeat.
const BEATS_PER_USER_CHECK = 4;

/** What a stream keeps of a VM it shows: the view sent, not the VM's row, and what a status change needs. */
interface ShownVm {
  clusterId: string;
  vmid: number | null;
  view: LiveVmView;
  json: string;
}

const encoder = new TextEncoder();
const frame = (event: string, data: unknown) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

/**
 * One tab's stream as one object: a thousand open tabs are a thousand of these, so what each holds is
 * what the portal holds per tab (its methods are shared, the timer is the process's one heartbeat).
 * The transport starts it with its output and calls `end` when the tab goes.
 */
export class LiveStream {
  private readonly shown = new Map<string, ShownVm>();
  private readonly watched = new Map<string, () => void>();
  private output: LiveOutput | null = null;
  private queue: LiveEvent[] | null = [];
  private closed = false;
  private leaveHub: (() => void) | null = null;
  private leaveHeartbeat: (() => void) | null = null;
  // What widens an "own" stream beyond the person's own VMs, as of the last account check.
  private projectIds = new Set<string>();
  private cohortIds = new Set<string>();
  private sharedUntil = new Map<string, Date | null>();
  // Spreads the account checks of streams opened together over the heartbeats.
  private readonly checkOffset = Math.floor(Math.random() * BEATS_PER_USER_CHECK);
  private readonly user: CurrentUser;
  private readonly scope: LiveScope;
  private readonly jobs: boolean;
  private readonly vmId: string | undefined;
  private readonly retryMs: number;

  constructor({ user, scope, topic = "vms", vmId, retryMs = 5_000 }: LiveStreamOptions) {
    this.user = user;
    this.scope = scope;
    // The route allows jobs to admin scopes only; this keeps a caller that forgot from leaking them.
    this.jobs = topic === "jobs" && scope === "admin";
    this.vmId = vmId;
    this.retryMs = retryMs;
  }

  /** Sends the snapshot, then what changes; rejects (the stream ended) when the snapshot cannot be read. */
  async start(output: LiveOutput): Promise<void> {
    if (this.closed) return;
    this.output = output;
    this.leaveHub = subscribeLive((event) => this.handle(event));
    this.leaveHeartbeat = joinHeartbeat(this);
    try {
      await listenForPortalChanges();
      const snapshot = this.jobs ? await this.jobsSnapshot() : await this.vmsSnapshot();
      if (this.closed) return;
      this.write(`retry: ${this.retryMs}\n\n`);
      this.write(frame("snapshot", snapshot));
      const pending = this.queue ?? [];
      this.queue = null;
      for (const event of pending) this.handle(event);
    } catch (error) {
      this.end();
      throw error;
    }
  }

  beat(beat: number): void {
    this.write(": heartbeat\n\n");
    if ((beat + this.checkOffset) % BEATS_PER_USER_CHECK === 0) this.checkUserSoon();
  }

  /** Lets go of everything the stream holds; the transport calls it when the tab goes. */
  end(): void {
    if (this.closed) return;
    this.closed = true;
    this.leaveHub?.();
    this.leaveHeartbeat?.();
    for (const release of this.watched.values()) release();
    this.watched.clear();
    this.shown.clear();
    this.queue = null;
    this.output?.end();
  }

  private write(text: string): void {
    if (this.closed || !this.output) return;
    if (this.output.write(text) > MAX_BUFFERED_BYTES) this.end();
  }

  private mayHave(vm: Vm): boolean {
    return (
      (this.scope === "admin" || this.sees(vm)) &&
      (!this.vmId || vm.id === this.vmId) &&
      vm.state !== "deleted"
    );
  }

  /** `visibleToPerson` for one VM, from the reach the stream last read; an account check reads it again. */
  private sees(vm: Vm): boolean {
    if (vm.projectId === null && vm.ownerId === this.user.id) return true;
    if (vm.projectId !== null && this.projectIds.has(vm.projectId)) return true;
    if (vm.cohortId !== null && this.cohortIds.has(vm.cohortId)) return true;
    if (!this.sharedUntil.has(vm.id)) return false;
    const until = this.sharedUntil.get(vm.id);
    return !until || until > new Date();
  }

  private async readReach(): Promise<void> {
    const reach = await getPersonReach({ userId: this.user.id });
    this.projectIds = new Set(reach.projectIds);
    this.cohortIds = new Set(reach.cohortIds);
    this.sharedUntil = new Map(reach.shares.map((share) => [share.vmId, share.expiresAt]));
  }

  /** After an account check: VMs the person no longer sees leave the stream, newly visible ones join. */
  private async refreshOwn(): Promise<void> {
    // Before its snapshot is out the stream has nothing to correct.
    if (this.queue) return;
    const [rows] = await Promise.all([listVisibleVms({ userId: this.user.id }), this.readReach()]);
    if (this.closed) return;
    const visible = rows.map((row) => row.vm).filter((vm) => this.mayHave(vm));
    const ids = new Set(visible.map((vm) => vm.id));
    for (const id of [...this.shown.keys()]) {
      if (ids.has(id)) continue;
      this.shown.delete(id);
      this.write(frame("removed", { id }));
    }
    for (const vm of visible) {
      if (this.shown.has(vm.id)) continue;
      this.watch(vm.clusterId);
      this.send(this.remember(vm), undefined);
    }
  }

  private watch(clusterId: string): Promise<void> | null {
    // A tab gone while its snapshot loaded must not leave a poller behind.
    if (this.closed || this.watched.has(clusterId)) return null;
    const { ready, release } = watchClusterStatus(clusterId);
    this.watched.set(clusterId, release);
    return ready;
  }

  private remember(vm: Vm): ShownVm {
    const view = liveViewOf(vm, latestClusterStatuses(vm.clusterId));
    const shown = { clusterId: vm.clusterId, vmid: vm.vmid, view, json: JSON.stringify(view) };
    this.shown.set(vm.id, shown);
    return shown;
  }

  private send(shown: ShownVm, before: ShownVm | undefined): void {
    if (before?.json !== shown.json) this.write(`event: vm\ndata: ${shown.json}\n\n`);
  }

  private restatus(id: string, shown: ShownVm, statuses: ClusterStatuses): void {
    const live = liveStatusOf({ vmid: shown.vmid, state: shown.view.state }, statuses);
    if (live === shown.view.live) return;
    const view = { ...shown.view, live };
    const next = { ...shown, view, json: JSON.stringify(view) };
    this.shown.set(id, next);
    this.send(next, shown);
  }

  private checkUserSoon(): void {
    this.checkUser().catch(() => this.end());
  }

  private async checkUser(): Promise<void> {
    const row = await getUserById({ id: this.user.id });
    if (!row || row.disabled || (this.scope === "admin" && !can(row.role, "admin:read"))) return this.end();
    if (this.scope === "own" && !this.jobs) await this.refreshOwn();
  }

  private handle(event: LiveEvent): void {
    if (this.closed) return;
    if (this.queue) {
      this.queue.push(event);
      return;
    }
    if (event.type === "job") {
      if (this.jobs) this.write(frame("job", liveJobViewOf(event.job)));
    } else if (this.jobs) {
      if (event.type === "user" && event.userId === this.user.id) this.checkUserSoon();
    } else if (event.type === "status") {
      for (const [id, shown] of this.shown)
        if (shown.clusterId === event.clusterId) this.restatus(id, shown, event.statuses);
    } else if (event.type === "vm") {
      const { vm } = event;
      if (this.mayHave(vm)) {
        this.watch(vm.clusterId);
        const before = this.shown.get(vm.id);
        this.send(this.remember(vm), before);
      } else if (this.shown.delete(vm.id)) {
        this.write(frame("removed", { id: vm.id }));
      }
    } else if (event.userId === this.user.id) {
      this.checkUserSoon();
    }
  }

  private async jobsSnapshot() {
    return { jobs: (await listJobs({ limit: 200 })).map(liveJobViewOf) };
  }

  private async vmsSnapshot() {
    const rows =
      this.scope === "admin"
        ? (await listAllVms()).map((row) => row.vm)
        : (await Promise.all([listVisibleVms({ userId: this.user.id }), this.readReach()]))[0].map(
            (row) => row.vm,
          );
    const visible = rows.filter((vm) => this.mayHave(vm));
    await Promise.all([...new Set(visible.map((vm) => vm.clusterId))].map((id) => this.watch(id)));
    return { vms: visible.map((vm) => this.remember(vm).view) };
  }
}

/** A stream as a web ReadableStream, for the Next route: the tab goes when the request aborts or the body is cancelled. */
class WebLiveOutput implements UnderlyingDefaultSource<Uint8Array>, LiveOutput {
  private controller: ReadableStreamDefaultController<Uint8Array> | null = null;

  constructor(
    private readonly stream: LiveStream,
    // Held for the stream's life: undici's Request passes the server's abort on to `request.signal`
    // through a weak reference, so a collected Request would leave the signal deaf and the stream open.
    private readonly request: Request,
  ) {}

  start(controller: ReadableStreamDefaultController<Uint8Array>): Promise<void> | undefined {
    this.controller = controller;
    if (this.request.signal.aborted) {
      controller.close();
      return;
    }
    this.request.signal.addEventListener("abort", this, { once: true });
    return this.stream.start(this);
  }

  cancel(): void {
    this.stream.end();
  }

  /** The request's abort signal: the tab went. */
  handleEvent(): void {
    this.stream.end();
  }

  write(text: string): number {
    this.controller?.enqueue(encoder.encode(text));
    // With a high-water mark of 0, what is queued is the negative of the desired size.
    return -(this.controller?.desiredSize ?? 0);
  }

  end(): void {
    this.request.signal.removeEventListener("abort", this);
    try {
      this.controller?.close();
    } catch {
      // already closed by the reader going away
    }
  }
}

/**
 * One tab's server-sent events: a snapshot of the VMs its person may see, then only what changed, from
 * this process's status pollers and the portal's own changes. It ends when the tab goes, or when the
 * person may no longer see what it carries (disabled, or no longer an admin for an admin stream).
 */
export function openLiveStream(
  options: LiveStreamOptions & { request: Request },
): ReadableStream<Uint8Array> {
  // Nothing waits in the stream's queue while the tab reads; counted in bytes, so the limit above is one.
  return new ReadableStream(
    new WebLiveOutput(new LiveStream(options), options.request),
    new ByteLengthQueuingStrategy({ highWaterMark: 0 }),
  );
}
