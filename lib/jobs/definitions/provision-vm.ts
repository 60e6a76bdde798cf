import "server-only";
import { getTemplateById } from "@/db/queries/templates";
import { getUserById } from "@/db/queries/users";
import { getVmById } from "@/db/queries/vms";
import { getProxmoxClient } from "@/lib/clusters/client-registry";
import { vmProvisionRequested } from "@/lib/vms/provision-events";
import { provisionVm } from "@/lib/vms/provision-vm";
import { vmOwnerFrom } from "@/lib/vms/vm-owner";
import { defineJob } from "../define-job";

export const provisionVmJob = defineJob({
  id: "provision-vm",
  description: "Makes a VM a member requested from a template; resumes after a restart.",
  trigger: { event: vmProvisionRequested },
  // Provisioning handles its own failures (it cleans up and says why); attempts are for restarts.
  retries: 3,
  async handler({ event, step }) {
    const vm = await getVmById({ id: event.data.vmId });
    if (vm?.state !== "provisioning" || !vm.templateId) return { skipped: true };
    const [template, owner] = await Promise.all([
      getTemplateById({ id: vm.templateId }),
      getUserById({ id: vm.ownerId }),
    ]);
    if (!template || !owner) return { skipped: true };
    const done = await provisionVm(
      await getProxmoxClient(vm.clusterId),
      {
        vm,
        template,
        ...("passwordHash" in event.data
          ? { passwordHash: event.data.passwordHash }
          : { sealedPassword: event.data.sealedPassword }),
        sshKeys: event.data.sshKeys,
        owner: vmOwnerFrom(owner),
      },
      {},
      (id, fn) => step.run(id, fn),
    );
    return { state: done.state };
  },
});
