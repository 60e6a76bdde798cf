import type { SimCluster } from "../cluster";
import { SimError } from "../errors";
import { nodeDef } from "../params";
import { versionAnswer } from "../release";
import type { Route } from "../router";
import { nodeUsage } from "./cluster";

/** Which interfaces each node has: one uplink and the bridge every simulated VM's net0 names. */
function interfaces(nodeIndex: number) {
  const address = `192.168.42.${11 + nodeIndex}`;
  return [
    { iface: "eno1", type: "eth", method: "manual", families: ["inet"], active: 1, exists: 1, priority: 3 },
    {
      iface: "vmbr0",
      type: "bridge",
      method: "static",
      families: ["inet"],
      active: 1,
      autostart: 1,
      priority: 4,
      bridge_ports: "eno1",
      bridge_stp: "off",
      bridge_fd: "0",
      address,
      netmask: "24",
      cidr: `${address}/24`,
      gateway: "192.168.42.1",
    },
  ];
}

/** 9.x added the `fabric` and `include_sdn` filters; 8.4's enum refuses them. */
const networkTypes = [
  "bridge",
  "bond",
  "eth",
  "alias",
  "vlan",
  "fabric",
  "OVSBridge",
  "OVSBond",
  "OVSPort",
  "OVSIntPort",
  "vnet",
  "any_bridge",
  "any_local_bridge",
  "include_sdn",
];

function nodeIndex(cluster: SimCluster, name: string): number {
  cluster.node(name);
  return cluster.state.nodes.findIndex((node) => node.name === name);
}

export const nodeInfoRoutes: Route[] = [
  {
    // pve-manager PVE/API2/Nodes.pm `version`
    method: "GET",
    path: "/nodes/{node}/version",
    params: { node: nodeDef },
    permissions: { user: "all" },
    handle: ({ cluster, path }) => {
      cluster.node(path.node!);
      return versionAnswer(cluster.options.apiVersion);
    },
  },
  {
    // pve-manager PVE/API2/Network.pm `index`: lo is never listed; `type` keeps matching interfaces,
    // any_bridge and any_local_bridge keep bridges (no SDN vnets are simulated).
    method: "GET",
    path: "/nodes/{node}/network",
    params: { node: nodeDef, type: { type: "string", optional: true, enum: networkTypes } },
    permissions: { user: "all" },
    handle: ({ cluster, path, params }) => {
      const index = nodeIndex(cluster, path.node!);
      const filter = params.type;
      if (cluster.options.apiVersion === "8.4" && (filter === "fabric" || filter === "include_sdn")) {
        throw new SimError(400, "Parameter verification failed.", {
          type: `value '${filter}' does not have a value in the enumeration '${networkTypes.filter((type) => type !== "fabric" && type !== "include_sdn").join(", ")}'`,
        });
      }
      return interfaces(index).filter((iface) => {
        if (!filter || filter === "include_sdn") return true;
        const bridge = iface.type === "bridge" || iface.type === "OVSBridge";
        return iface.type === filter || (bridge && /^any(_local)?_bridge$/.test(filter));
      });
    },
  },
  {
    // pve-manager PVE/API2/Cluster.pm `get_status`: the cluster entry, then one per member; the node
    // that answers is `local`, here the first.
    method: "GET",
    path: "/cluster/status",
    params: {},
    permissions: { check: ["perm", "/", ["Sys.Audit"]] },
    handle: ({ cluster }) => {
      const nodes = cluster.state.nodes;
      const online = nodes.filter((node) => cluster.isOnline(node)).length;
      return [
        {
          type: "cluster",
          id: "cluster",
          name: cluster.state.name,
          nodes: nodes.length,
          version: nodes.length + 1,
          quorate: online * 2 > nodes.length ? 1 : 0,
        },
        ...nodes.map((node, index) => ({
          type: "node",
          id: `node/${node.name}`,
          name: node.name,
          nodeid: index + 1,
          local: index === 0 ? 1 : 0,
          online: cluster.isOnline(node) ? 1 : 0,
          ip: `192.168.42.${11 + index}`,
          level: "",
        })),
      ];
    },
  },
  {
    // pve-storage PVE/API2/Storage/Status.pm `read_status`
    method: "GET",
    path: "/nodes/{node}/storage/{storage}/status",
    params: { node: nodeDef, storage: { type: "string", format: "pve-storage-id" } },
    permissions: {
      check: ["perm", "/storage/{storage}", ["Datastore.Audit", "Datastore.AllocateSpace"], "any", 1],
    },
    handle: ({ cluster, path }) => {
      cluster.node(path.node!);
      const storage = cluster.state.storages.find((candidate) => candidate.id === path.storage);
      if (!storage) throw new SimError(500, `storage '${path.storage}' does not exist`);
      const used = storage.content.includes("images") ? nodeUsage(cluster, path.node!).disk : 12 * 1024 ** 3;
      return {
        type: storage.type,
        content: storage.content.join(","),
        shared: storage.shared ? 1 : 0,
        enabled: 1,
        active: 1,
        total: storage.totalBytes,
        used,
        avail: storage.totalBytes - used,
      };
    },
  },
];
