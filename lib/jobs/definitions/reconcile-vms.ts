import "server-only";
import { describeHold } from "@/lib/vms/reconcile-hold";
import { reconcileVms } from "@/lib/vms/reconcile-vms";
import { defineJob } from "../define-job";

export const reconcileVmsJob = defineJob({
  id: "reconcile-vms",
  description: "Follows VMs that moved node, were removed or resized outside the portal.",
  trigger: { cron: "TZ=UTC */5 * * * *" },
  retries: 1,
  async handler({ step, progress }) {
    const summary = await step.run("reconcile", () => reconcileVms());
    // Admin → Jobs shows the progress line: the run's hold, if any, is read there as on the overview.
    if (summary.held.length)
      await progress({
        message: summary.held.map((hold) => `${hold.clusterId}: ${describeHold(hold)}`).join(" "),
      });
    return summary;
  },
});
