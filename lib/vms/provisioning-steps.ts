import "server-only";
import { listRecordedVmids, updateVm } from "@/db/queries/vms";
import type { Vm } from "@/db/schema";
import { isProxmoxError, type ProxmoxClient } from "@/lib/proxmox";
import type { LockRetry } from "./lock-timeouts";
import { removeVmWeMade } from "./vm-identity";

export interface ProvisionOptions {
  /** How long to wait for the guest agent to report an address; the VM is usable without one. */
  addressWaitMs?: number;
  /** A clone is given up when its task log has not advanced for this long (10 minutes). */
  cloneStallMs?: number;
  pollMs?: number;
  /** How a clone that timed out on a Proxmox lock is retried (default: 6 tries from 2 s, doubling). */
  lockRetry?: LockRetry;
}

/** Runs a named step once; a durable job passes its memoizing `step.run`, so a resumed run skips done steps. */
export type StepRunner = <T>(id: string, fn: () => Promise<T>) => Promise<T>;

export const runDirectly: StepRunner = (_id, fn) => fn();

/** A provisioning failure whose message a member can read as it is. */
export class ProvisionFailure extends Error {}

export const poolFor = (username: string) =>
  `roost-${username.toLowerCase().replace(/[^a-z0-9_-]/g, "-")}`.slice(0, 40);

/**
 * A project's pool: under `/pool` like the members' ones, so it gets the same grant (MEMBER_POOL_PROBE).
 * Members' pools all begin `roost-`, so no username can name a project's pool.
 */
export const projectPoolFor = (slug: string) => `roostp-${slug}`.slice(0, 40);

/** What a member reads when provisioning fails: Proxmox's reason, without the endpoint or HTTP status. */
export function plainReason(error: unknown): string {
  if (error instanceof ProvisionFailure) return error.message;
  if (isProxmoxError(error)) {
    if (error.kind === "task-failed") return `Proxmox could not finish: ${error.message}.`;
    if (error.kind === "proxy") return "A server of the cluster went offline while the VM was being made.";
    if (error.kind === "connection" || error.kind === "timeout")
      return "The cluster did not answer; try again in a few minutes.";
    return `Proxmox refused: ${error.reason ?? error.message}.`;
  }
  return "Something unexpected went wrong while making the VM.";
}

const uniqueViolation = (error: unknown): boolean =>
  (error as { code?: string }).code === "23505" ||
  (error as { cause?: { code?: string } }).cause?.code === "23505";

/**
 * Finds a VM id free on the cluster and records it on the VM, in one step: the portal's unique index on
 * (cluster, vmid) reserves it against every other provision of this portal, which PVE's nextid does not.
 */
const maxProbes = 1000;

export async function recordFreeVmid(
  client: ProxmoxClient,
  vm: Pick<Vm, "id" | "clusterId">,
  also: Partial<Pick<Vm, "node" | "pool">> = {},
): Promise<number> {
  let candidate = await client.nextVmid();
  const last = candidate + maxProbes;
  const recordedFrom = (from: number) => listRecordedVmids({ clusterId: vm.clusterId, from, below: last });
  // nextid answers the lowest id free on Proxmox, which other provisions of the portal may have recorded
  // already (a class's batch asks for many at once): those are passed over without asking Proxmox. The
  // ids above it are often a dense block taken on Proxmox. Only the portal's own conflicts count as
  // attempts: walking past taken ids is what finding a free one means.
  let recorded = await recordedFrom(candidate);
  let conflicts = 0;
  for (; candidate < last && conflicts < 20; candidate++) {
    if (recorded.has(candidate) || !(await client.isVmidFree(candidate))) continue;
    try {
      await updateVm({ id: vm.id, vmid: candidate, ...also });
      return candidate;
    } catch (error) {
      if (!uniqueViolation(error)) throw error;
      conflicts++;
      recorded = await recordedFrom(candidate);
    }
  }
  throw new ProvisionFailure("Could not find a free VM id on the cluster; try again.");
}

export async function ensurePool(client: ProxmoxClient, poolid: string, comment: string) {
  try {
    await client.createPool(poolid, comment);
  } catch (error) {
    if (!(isProxmoxError(error) && /already exists/.test(error.reason ?? ""))) throw error;
  }
}

export async function waitForAddress(
  client: ProxmoxClient,
  node: string,
  vmid: number,
  options: ProvisionOptions,
): Promise<string | null> {
  const deadline = Date.now() + (options.addressWaitMs ?? 60_000);
  const pollMs = options.pollMs ?? 2000;
  for (;;) {
    const asked = Date.now();
    const addresses = await client.qemu.guestAddresses(node, vmid).catch(() => null);
    const ipv4 = addresses?.find((address) => address.family === "ipv4");
    if (ipv4) return ipv4.address;
    // An agent that is not up yet costs Proxmox's 3 s guest-ping; that wait counts towards the pause.
    const pause = Math.max(0, pollMs - (Date.now() - asked));
    if (Date.now() + pause >= deadline) return null;
    await new Promise((resolve) => setTimeout(resolve, pause));
  }
}

/**
 * Proxmox refused to make the VM because its id is taken: another provision (or a person) got the same
 * `nextid` and made theirs first. PVE's clone says "config file already exists", create "already exists on
 * node"; either way this provision made nothing and may try another id.
 */
export const lostVmidRace = (error: unknown) =>
  typeof (error as { kind?: unknown } | null)?.kind === "string" &&
  /already exists/.test(`${(error as { reason?: string }).reason ?? ""} ${(error as Error).message}`);

/**
 * Removes what provisioning made, after proving it is that VM (id, name and the portal's tag). Null when
 * it is gone, else why it was not removed.
 */
export async function removalRefusal(
  client: ProxmoxClient,
  made: { id: string; node: string; vmid: number; name: string },
): Promise<string | null> {
  return removeVmWeMade(client, made).then(
    () => null,
    (error: unknown) => (error instanceof Error ? error.message : String(error)),
  );
}

/**
 * Null when the id is free on the cluster; otherwise what the token may read of the VM holding it. The
 * free check comes first because `/cluster/nextid?vmid=` needs no privilege, while a least-privilege token
 * gets 403 for the config of any VM outside the portal's pools (qemu-server's `VM.Audit` on `/vms/N`): such
 * a VM, or one on another node, is somebody else's and reads as an empty config.
 */
export async function configIfExists(
  client: ProxmoxClient,
  node: string,
  vmid: number,
): Promise<Record<string, unknown> | null> {
  if (await client.isVmidFree(vmid)) return null;
  return client.qemu.config(node, vmid).catch((error: unknown) => {
    if (isProxmoxError(error) && (error.kind === "forbidden" || /does not exist/.test(error.message)))
      return {};
    throw error;
  });
}

/**
 * A VM found at the recorded id with this provision's name, in its owner's pool: what this provision made
 * before a restart cut it off (the id is recorded before anything is made).
 */
export async function isEarlierVmOfThisProvision(
  client: ProxmoxClient,
  expected: { vmid: number; name: string; pool: string; found: unknown },
): Promise<boolean> {
  if (String(expected.found ?? "").toLowerCase() !== expected.name.toLowerCase()) return false;
  const resources = await client.resources.get({ maxAgeMs: 0 });
  const item = resources.find((resource) => resource.type === "qemu" && resource.vmid === expected.vmid);
  return item?.pool === expected.pool;
}

/**
 * Starts the VM unless it runs. A start still under way from before a restart may win the race: its
 * twin then fails with qemu-server's "VM N already running" (vm_start), which is the outcome wanted.
 */
export async function startOnce(client: ProxmoxClient, node: string, vmid: number): Promise<void> {
  if ((await client.qemu.status(node, vmid)).status === "running") return;
  try {
    await client.tasks.wait(await client.qemu.power(node, vmid, "start"));
  } catch (error) {
    if (!(isProxmoxError(error) && error.kind === "task-failed" && /already running/.test(error.message)))
      throw error;
  }
}
