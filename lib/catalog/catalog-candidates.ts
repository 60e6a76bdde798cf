import "server-only";
import { listAllIsos, listAllTemplates } from "@/db/queries/catalog";
import { getProxmoxClient } from "@/lib/clusters/client-registry";
import { parsePropertyString, parseSizeGb } from "@/lib/proxmox";
import { suggestedTemplateLabel } from "./template-label";

export interface TemplateCandidate {
  clusterId: string;
  node: string;
  vmid: number;
  name: string;
  /** What the approval form starts from; the admin's own wording is what members see. */
  label: string;
  os: string;
  defaultUser: string;
  minDiskGb: number;
}

/** Template VMs on the cluster that admins have not approved yet, with what their config suggests. */
export async function templateCandidates(clusterId: string): Promise<TemplateCandidate[]> {
  const client = await getProxmoxClient(clusterId);
  const approved = new Set(
    (await listAllTemplates()).filter((row) => row.clusterId === clusterId).map((row) => row.vmid),
  );
  const found = (await client.resources.get()).filter(
    (item) => item.type === "qemu" && item.template && item.node && !approved.has(item.vmid!),
  );
  return Promise.all(
    found.map(async (item) => {
      const config = await client.qemu.config(item.node!, item.vmid!);
      const disk = parsePropertyString(config.scsi0 ?? config.virtio0 ?? config.sata0 ?? "", "file");
      const name = config.name ?? `template-${item.vmid}`;
      return {
        clusterId,
        node: item.node!,
        vmid: item.vmid!,
        name,
        label: suggestedTemplateLabel(name),
        os:
          config.ostype === "l26"
            ? "Linux"
            : config.ostype?.startsWith("w")
              ? "Windows"
              : (config.ostype ?? "other"),
        defaultUser: config.ciuser ?? "user",
        minDiskGb: Math.max(1, Math.ceil(parseSizeGb(disk.size) ?? 4)),
      };
    }),
  );
}

export interface IsoCandidate {
  clusterId: string;
  volid: string;
  sizeBytes: number | null;
}

/** ISO images on the cluster's storages that admins have not approved yet. */
export async function isoCandidates(clusterId: string): Promise<IsoCandidate[]> {
  const client = await getProxmoxClient(clusterId);
  const approved = new Set(
    (await listAllIsos()).filter((row) => row.clusterId === clusterId).map((row) => row.volid),
  );
  const nodes = (await client.nodes()).filter((node) => node.status === "online");
  const seen = new Map<string, IsoCandidate>();
  for (const node of nodes) {
    for (const storage of await client.storages(node.node, { content: "iso" })) {
      for (const volume of await client.storageContent(node.node, storage.storage, { content: "iso" })) {
        if (approved.has(volume.volid) || seen.has(volume.volid)) continue;
        seen.set(volume.volid, { clusterId, volid: volume.volid, sizeBytes: volume.size ?? null });
      }
    }
  }
  return [...seen.values()].sort((a, b) => a.volid.localeCompare(b.volid));
}

export interface NodeAndStorages {
  node: string;
  online: boolean;
  storages: string[];
}

/** The cluster's nodes and the storages that can hold VM disks, for approval. */
export async function nodesAndStorages(clusterId: string): Promise<NodeAndStorages[]> {
  const client = await getProxmoxClient(clusterId);
  const nodes = await client.nodes();
  return Promise.all(
    nodes.map(async (node) => ({
      node: node.node,
      online: node.status === "online",
      storages:
        node.status === "online"
          ? (await client.storages(node.node, { content: "images" })).map((storage) => storage.storage)
          : [],
    })),
  );
}
