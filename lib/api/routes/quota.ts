import { getQuotaStatus } from "@/lib/quotas/effective-quota";
import { userAccount } from "@/lib/quotas/quota-account";
import { defineApiRoute } from "../define-route";
import { quotaResource, quotaResourceOf } from "../resources/quota";

export const getQuota = defineApiRoute({
  method: "GET",
  path: "/quota",
  operationId: "getQuota",
  summary: "Get your quota and what you use of it",
  description:
    "VMs, cores, memory, disk, snapshots and backups (their number and total size): each limit, what your VMs and backups hold (running or not; failed and deleted VMs count for nothing, their kept backups do) and what is left.",
  tags: ["Quota"],
  scope: "read",
  responses: { 200: { description: "Your quota.", schema: quotaResource } },
  async handler({ caller }) {
    return { status: 200, body: quotaResourceOf(await getQuotaStatus(userAccount(caller.user.id))) };
  },
});
