import "server-only";
import { insertIsos } from "@/db/queries/isos";
import { insertNetworks } from "@/db/queries/networks";
import { countTemplates, insertTemplates } from "@/db/queries/templates";
import type { ProxmoxClient } from "@/lib/proxmox";
import { parsePropertyString, parseSizeGb } from "@/lib/proxmox";
import { suggestedTemplateLabel } from "./template-label";

/**
 * Demo mode starts with the simulated cluster's cloud-init templates and ISOs approved, so a first visitor can
 * create a VM at once. Real deployments start empty: admins approve templates themselves.
 */
export async function seedDemoCatalog(clusterId: string, client: ProxmoxClient): Promise<number> {
  if ((await countTemplates()) > 0) return 0;
  const found = (await client.resources.get()).filter(
    (item) => item.type === "qemu" && item.template && item.node,
  );
  const configs = await Promise.all(
    found.map(async (item) => ({ item, config: await client.qemu.config(item.node!, item.vmid!) })),
  );
  // Only cloud-init templates: the portal sets their user, password and keys. Others wait for an admin.
  const cloudInit = configs.filter(({ config }) =>
    Object.values(config).some((value) => typeof value === "string" && value.includes("cloudinit")),
  );
  const rows = cloudInit.map(({ item, config }) => {
    const disk = parsePropertyString(config.scsi0 ?? config.virtio0 ?? "", "file");
    const name = config.name ?? `template-${item.vmid}`;
    return {
      clusterId,
      node: item.node!,
      vmid: item.vmid!,
      label: suggestedTemplateLabel(name),
      os: config.ostype === "l26" ? "Linux" : (config.ostype ?? "other"),
      defaultUser: config.ciuser ?? "user",
      minDiskGb: Math.max(1, Math.ceil(parseSizeGb(disk.size) ?? 4)),
      cloneMode: "full" as const,
    };
  });
  await insertTemplates(rows);
  await insertNetworks([{ clusterId, bridge: "vmbr0", label: "Lab network (vmbr0)" }]);
  const node =
    found[0]?.node ?? (await client.nodes()).find((candidate) => candidate.status === "online")?.node;
  if (node) {
    const storages = await client.storages(node, { content: "iso" });
    const volumes = (
      await Promise.all(
        storages.map((storage) => client.storageContent(node, storage.storage, { content: "iso" })),
      )
    ).flat();
    await insertIsos(
      volumes.map((volume) => ({
        clusterId,
        volid: volume.volid,
        label: volume.volid.replace(/^.*\//, "").replace(/\.iso$/, ""),
      })),
    );
  }
  return rows.length;
}
