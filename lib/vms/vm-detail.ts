import "server-only";
import { listEnabledIsos } from "@/db/queries/isos";
import { listVmEvents } from "@/db/queries/vm-events";
import type { Vm } from "@/db/schema";
import type { Person } from "@/lib/authz/vm-access";
import { getProxmoxClient } from "@/lib/clusters/client-registry";
import { getVmAddressing } from "@/lib/ipam/vm-addressing";
import { leasePolicyFor } from "@/lib/projects/project-lease";
import { type ChartRange, vmUsageHistory } from "@/lib/proxmox/rrd-history";
import { getQuotaStatus } from "@/lib/quotas/effective-quota";
import { accountOf } from "@/lib/quotas/quota-account";
import { getSetting } from "@/lib/settings/settings";
import { withLiveState } from "./live-state";
import { listRecentTasks } from "./recent-tasks";
import { listOwnedSnapshots } from "./snapshots";

/**
 * Everything a member's VM page shows, loaded at once. Proxmox is asked only about a VM that exists
 * there, and a failed read (snapshots, usage) becomes null so that the page still shows the rest.
 */
export async function loadVmDetail(vm: Vm, viewer: Person, range: ChartRange) {
  const ready = vm.vmid !== null && !["provisioning", "failed"].includes(vm.state);
  const client = ready ? await getProxmoxClient(vm.clusterId) : null;
  const [events, snapshots, quota, points, tasks, isos, live, policy, limits, addressing] = await Promise.all(
    [
      listVmEvents({ vmId: vm.id, limit: 50 }),
      ready ? listOwnedSnapshots(vm.id, viewer).catch(() => null) : Promise.resolve([]),
      getQuotaStatus(accountOf(vm)),
      client ? vmUsageHistory(client, vm.node!, vm.vmid!, range).catch(() => null) : Promise.resolve(null),
      client ? listRecentTasks(client, vm.node!, vm.vmid!) : Promise.resolve([]),
      listEnabledIsos().then((all) => all.filter((iso) => iso.clusterId === vm.clusterId)),
      withLiveState([vm]).then(({ vms: [found] }) => found?.live ?? null),
      leasePolicyFor(vm),
      getSetting("vm.limits"),
      getVmAddressing(vm.id),
    ],
  );
  // What the cluster says now wins over the record: a VM paused or stopped outside Roost shows so.
  const state = live && live !== "missing" ? live : vm.state;
  return {
    ready,
    reachable: client !== null,
    state,
    events,
    snapshots,
    quota,
    points,
    tasks,
    isos,
    policy,
    limits,
    addressing,
  };
}

export type VmDetail = Awaited<ReturnType<typeof loadVmDetail>>;
