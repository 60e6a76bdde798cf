import "server-only";
import { sweepLeases } from "@/lib/leases/lease-sweep";
import { deliverPendingMail } from "@/lib/mail/deliver-mail";
import { defineJob } from "../define-job";

export const leaseSweepJob = defineJob({
  id: "lease-sweep",
  description:
    "Reminds owners of ending leases, stops VMs at expiry and deletes them after the grace period.",
  trigger: { cron: "TZ=UTC 7 * * * *" },
  retries: 2,
  async handler({ step }) {
    // One step: the ledger makes a re-run after a crash skip what was already done.
    const report = await step.run("sweep", () => sweepLeases());
    const mail = await step.run("deliver-mail", () => deliverPendingMail());
    return { ...report, mail };
  },
});
