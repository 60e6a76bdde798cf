import type { SimCluster } from "../cluster";
import { SimError } from "../errors";
import { nodeDef, type ParamDefs, vmidDef } from "../params";
import type { Route } from "../router";
import { agentEnabled, macFor } from "../state/config-strings";
import type { SimVm } from "../state/model";

const vmPath: ParamDefs = { node: nodeDef, vmid: vmidDef };

function guestAddress(vm: SimVm, nodeIndex: number): { address: string; prefix: number } {
  const fixed = /ip=(\d+\.\d+\.\d+\.\d+)\/(\d+)/.exec(vm.config.ipconfig0 ?? "");
  if (fixed) return { address: fixed[1]!, prefix: Number(fixed[2]) };
  return { address: `10.42.${nodeIndex + 1}.${(vm.vmid % 200) + 20}`, prefix: 24 };
}

/**
 * QemuServer/Agent.pm assert_agent_available, in its order: no `agent` key at all; the VM not running;
 * then `guest-ping` with a 3 s timeout. With the agent disabled QEMU has no agent socket, so the ping
 * fails at once (QMPClient.pm open_connection); enabled but unanswered (booting, no agent installed,
 * or the guest paused) it waits the whole timeout.
 */
async function assertAgentAvailable(cluster: SimCluster, vm: SimVm) {
  if (vm.config.agent === undefined) throw new SimError(500, "No QEMU guest agent configured");
  if (vm.status !== "running") throw new SimError(500, `VM ${vm.vmid} is not running`);
  if (!agentEnabled(vm.config)) throw new SimError(500, "QEMU guest agent is not running");
  const answers = () => !vm.paused && vm.agentReadyAt !== undefined && cluster.now() >= vm.agentReadyAt;
  const deadline = Date.now() + cluster.options.agentPingTimeoutMs;
  while (!answers()) {
    const left = deadline - Date.now();
    if (left <= 0 || vm.status !== "running") throw new SimError(500, "QEMU guest agent is not running");
    await new Promise((resolve) => setTimeout(resolve, Math.min(left, 50)));
  }
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
    handle: async ({ cluster, path }) => {
      const vm = cluster.vmOn(path.node!, Number(path.vmid));
      await assertAgentAvailable(cluster, vm);
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
