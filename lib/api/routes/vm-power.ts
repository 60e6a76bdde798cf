import { z } from "zod";
import { powerOwnedVm } from "@/lib/vms/operate-vm";
import { powerActionLabels, powerActions } from "@/lib/vms/power-actions";
import { defineApiRoute } from "../define-route";
import { jobResource } from "../resources/job";
import { vmIdParams } from "../resources/vm";
import { runOperationJob } from "../vm-jobs";

const actionList = powerActions.map((action) => `\`${action}\` (${powerActionLabels[action]})`).join(", ");

export const powerVm = defineApiRoute({
  method: "POST",
  path: "/vms/{vmId}/power",
  operationId: "powerVm",
  summary: "Start, stop, shut down, reboot, pause, resume or reset a VM",
  description: `One of ${actionList}. \`shutdown\` asks the guest and gives up after 60 seconds; \`stop\` cuts the power.`,
  tags: ["Power"],
  scope: "operate",
  params: vmIdParams,
  body: z.object({ action: z.enum(powerActions, `Pick one of: ${powerActions.join(", ")}.`) }),
  responses: {
    202: {
      description: "Done; the job records it.",
      schema: z.object({
        job: jobResource,
        state: z
          .enum(["running", "stopped", "paused"])
          .optional()
          .meta({ description: "The VM's state after it." }),
      }),
    },
    404: { description: "You see no VM with this id." },
    403: { description: "You see this VM but may not power it." },
    409: { description: "The VM is not ready, or Proxmox refused (the reason says why)." },
  },
  async handler({ params, body, caller, person, actor, audit }) {
    const { result, job } = await runOperationJob(
      {
        vmId: params.vmId,
        actorId: caller.user.id,
        kinds: ["started", "stopped", "rebooted", "suspended", "resumed"],
      },
      () => powerOwnedVm({ vmId: params.vmId, person, action: body.action, actor }),
    );
    await audit({ action: `vm.${body.action}`, target: { type: "vm", id: params.vmId } });
    return { status: 202, body: { job, state: result.state }, headers: { location: job.links.self } };
  },
});
