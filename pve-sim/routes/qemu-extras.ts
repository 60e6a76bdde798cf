import { SimError } from "../errors";
import { nodeDef, type ParamDefs, vmidDef } from "../params";
import type { Route } from "../router";
import { macFor } from "../state/config-strings";
import type { SimVm } from "../state/model";

const vmPath: ParamDefs = { node: nodeDef, vmid: vmidDef };

function guestAddress(vm: SimVm, nodeIndex: number): { address: string; prefix: number } {
  const fixed = /ip=(\d+\.\d+\.\d+\.\d+)\/(\d+)/.exec(vm.config.ipconfig0 ?? "");
  if (fixed) return { address: fixed[1]!, prefix: Number(fixed[2]) };
  return { address: `10.42.${nodeIndex + 1}.${(vm.vmid % 200) + 20}`, prefix: 24 };
}

export const qemuExtraRoutes: Route[] = [
  {
    method: "GET",
    path: "/nodes/{node}/qemu/{vmid}/agent/network-get-interfaces",
    params: vmPath,
    permissions: {
      "8.4": { check: ["perm", "/vms/{vmid}", ["VM.Monitor"]] },
      "9.1": {
        check: ["perm", "/vms/{vmid}", ["VM.GuestAgent.Audit", "VM.GuestAgent.Unrestricted"], "any", 1],
      },
    },
    handle: ({ cluster, path }) => {
      const vm = cluster.vmOn(path.node!, Number(path.vmid));
      if (vm.status !== "running") throw new SimError(500, `VM ${vm.vmid} is not running`);
      if (!vm.config.agent?.startsWith("1")) throw new SimError(500, "No QEMU guest agent configured");
      if (!vm.agentReadyAt || cluster.now() < vm.agentReadyAt)
        throw new SimError(500, "QEMU guest agent is not running");
      const nodeIndex = cluster.state.nodes.findIndex((node) => node.name === vm.node);
      const { address, prefix } = guestAddress(vm, nodeIndex);
      return {
        result: [
          {
            name: "lo",
            "hardware-address": "00:00:00:00:00:00",
            "ip-addresses": [
              { "ip-address": "127.0.0.1", "ip-address-type": "ipv4", prefix: 8 },
              { "ip-address": "::1", "ip-address-type": "ipv6", prefix: 128 },
            ],
          },
          {
            name: "eth0",
            "hardware-address": (
              /=([0-9A-F:]{17})/i.exec(vm.config.net0 ?? "")?.[1] ?? macFor(vm.vmid, 0)
            ).toLowerCase(),
            "ip-addresses": [
              { "ip-address": address, "ip-address-type": "ipv4", prefix },
              {
                "ip-address": `fe80::be24:11ff:fe00:${vm.vmid.toString(16)}`,
                "ip-address-type": "ipv6",
                prefix: 64,
              },
            ],
            statistics: {
              "rx-bytes": 123_456,
              "tx-bytes": 65_432,
              "rx-packets": 1000,
              "tx-packets": 800,
              "rx-errs": 0,
              "tx-errs": 0,
              "rx-dropped": 0,
              "tx-dropped": 0,
            },
          },
        ],
      };
    },
  },
];
