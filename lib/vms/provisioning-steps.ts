import "server-only";
import { isProxmoxError, type ProxmoxClient } from "@/lib/proxmox";
import type { ProvisionOptions } from "./provision-vm";

/** A provisioning failure whose message a member can read as it is. */
export class ProvisionFailure extends Error {}

export const poolFor = (username: string) =>
  `roost-${username.toLowerCase().replace(/[^a-z0-9_-]/g, "-")}`.slice(0, 40);

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

export async function allocateVmid(client: ProxmoxClient): Promise<number> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const vmid = await client.nextVmid();
    if (await client.isVmidFree(vmid)) return vmid;
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

export async function removeHalfMadeVm(
  client: ProxmoxClient,
  { node, vmid }: { node: string; vmid: number },
) {
  const status = await client.qemu.status(node, vmid).catch(() => null);
  if (!status) return;
  if (status.status === "running") await client.tasks.wait(await client.qemu.power(node, vmid, "stop"));
  await client.tasks.wait(await client.qemu.destroy(node, vmid));
}
