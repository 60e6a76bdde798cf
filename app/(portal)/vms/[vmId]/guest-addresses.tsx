import type { ProxmoxClient } from "@/lib/proxmox";

/**
 * The addresses the guest agent reports, streamed in after the page: with no agent answering, Proxmox
 * spends its 3 s guest-ping before saying so, and the page must not wait for that.
 */
export async function GuestAddresses({
  client,
  node,
  vmid,
  fallback,
}: {
  client: ProxmoxClient;
  node: string;
  vmid: number;
  fallback: string;
}) {
  const addresses = await client.qemu.guestAddresses(node, vmid).catch(() => null);
  return <>{addresses?.length ? addresses.map((address) => address.address).join(", ") : fallback}</>;
}
