import { getProxmoxClient } from "@/lib/clusters/client-registry";

/**
 * The addresses the guest agent reports, streamed in after the page: with no agent answering, Proxmox
 * spends its 3 s guest-ping before saying so, and the page must not wait for that. It takes the cluster's
 * id, never its client: props are what a component may one day send to the browser.
 */
export async function GuestAddresses({
  clusterId,
  node,
  vmid,
  fallback,
}: {
  clusterId: string;
  node: string;
  vmid: number;
  fallback: string;
}) {
  const addresses = await getProxmoxClient(clusterId)
    .then((client) => client.qemu.guestAddresses(node, vmid))
    .catch(() => null);
  return <>{addresses?.length ? addresses.map((address) => address.address).join(", ") : fallback}</>;
}
