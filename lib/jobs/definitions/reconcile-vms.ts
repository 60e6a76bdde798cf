import "server-only";
import { reconcileVms } from "@/lib/vms/reconcile-vms";
import { defineJob } from "../define-job";

export const reconcileVmsJob = defineJob({
  id: "reconcile-vms",
  description: "Follows VMs that moved node, were removed or resized outside the portal.",
  trigger: { cron: "TZ=UTC */5 * * * *" },
  retries: 1,
  async handler({ step }) {
    return step.run("reconcile", () => reconcileVms());
  },
});
