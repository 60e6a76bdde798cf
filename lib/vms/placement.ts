import type { ClusterResource } from "@/lib/proxmox/schemas";

export interface PlacementRequest {
  templateNode: string;
  memoryMb: number;
  /** Whether the template's disks sit on storage every node shares (then any node may hold the clone). */
  sharedStorage: boolean;
  /** Nodes admins approved; empty means every node. */
  approvedNodes?: string[];
}

/** The online node that can hold the VM with the most free memory, or why none can. */
export function chooseNode(
  resources: ClusterResource[],
  request: PlacementRequest,
): { node: string } | { error: string } {
  const needed = request.memoryMb * 1024 ** 2;
  const candidates = resources
    .filter((item) => item.type === "node" && item.status === "online" && item.node)
    .filter((item) => !request.approvedNodes?.length || request.approvedNodes.includes(item.node!))
    .filter((item) => request.sharedStorage || item.node === request.templateNode)
    .map((item) => ({ node: item.node!, free: (item.maxmem ?? 0) - (item.mem ?? 0) }))
    .filter((item) => item.free >= needed)
    .sort((a, b) => b.free - a.free);
  const best = candidates[0];
  if (best) return { node: best.node };
  return {
    error: "No server in the cluster has room for this VM right now. Try a smaller size, or ask an admin.",
  };
}
