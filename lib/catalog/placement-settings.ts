import "server-only";
import type { SettingValue } from "@/lib/settings/registry";
import { getSetting, setSetting } from "@/lib/settings/settings";

type PlacementEntry = { clusterId: string };

/** Replaces one cluster's entries in a per-cluster list, keeping the other clusters' as they are. */
function forOneCluster<T extends PlacementEntry>(all: T[], clusterId: string, theirs: T[]): T[] {
  return [
    ...all.filter((entry) => entry.clusterId !== clusterId),
    ...theirs.filter((entry) => entry.clusterId === clusterId),
  ];
}

/** Saves which nodes and storages of one cluster take new VMs. */
export async function savePlacement(
  change: {
    clusterId: string;
    nodes: SettingValue<"catalog.nodes">;
    storages: SettingValue<"catalog.storages">;
  },
  savedBy: string,
): Promise<void> {
  const { clusterId } = change;
  await setSetting(
    "catalog.nodes",
    forOneCluster(await getSetting("catalog.nodes"), clusterId, change.nodes),
    savedBy,
  );
  await setSetting(
    "catalog.storages",
    forOneCluster(await getSetting("catalog.storages"), clusterId, change.storages),
    savedBy,
  );
}
