import "server-only";
import { getIsoById } from "@/db/queries/isos";
import { getUserById } from "@/db/queries/users";
import { getVmById } from "@/db/queries/vms";
import { getProxmoxClient } from "@/lib/clusters/client-registry";
import { vmIsoProvisionRequested } from "@/lib/vms/provision-events";
import { provisionIsoVm } from "@/lib/vms/provision-iso-vm";
import { vmOwnerFrom } from "@/lib/vms/vm-owner";
import { defineJob } from "../define-job";

export const provisionIsoVmJob = defineJob({
  id: "provision-iso-vm",
  description: "Makes a VM a member requested from an installer ISO; resumes after a restart.",
  trigger: { event: vmIsoProvisionRequested },
  // Provisioning handles its own failures (it cleans up and says why); attempts are for restarts.
  retries: 3,
  async handler({ event, step }) {
    const vm = await getVmById({ id: event.data.vmId });
    if (vm?.state !== "provisioning" || !vm.isoId) return { skipped: true };
    const [iso, owner] = await Promise.all([getIsoById({ id: vm.isoId }), getUserById({ id: vm.ownerId })]);
    if (!iso || !owner) return { skipped: true };
    const done = await provisionIsoVm(
      await getProxmoxClient(vm.clusterId),
      {
        vm,
        iso,
        hardware: event.data.hardware,
        owner: vmOwnerFrom(owner),
      },
      {},
      (id, fn) => step.run(id, fn),
    );
    return { state: done.state };
  },
});
