import "server-only";
import type { ListedApprovalRequest } from "@/db/queries/approvals";
import { getQuotaStatus } from "@/lib/quotas/effective-quota";
import { dimensions, type Quota } from "@/lib/quotas/quota";
import { projectAccount, userAccount } from "@/lib/quotas/quota-account";
import { askedOf, usageAsked } from "./requested-things";

/** One dimension of a request beside the account's quota and what it uses now. */
export type RequestNumber = {
  dimension: (typeof dimensions)[number];
  asked: number;
  quota: number;
  used: number;
};

/** What an approver weighs: what is asked against the quota it is asked of, and its usage today. */
export async function requestNumbers(request: ListedApprovalRequest): Promise<RequestNumber[]> {
  const status = await getQuotaStatus(
    request.projectId ? projectAccount(request.projectId) : userAccount(request.requesterId),
  );
  const asked = usageAsked(askedOf(request)) as Partial<Quota>;
  return dimensions
    .filter((dimension) => asked[dimension] !== undefined)
    .map((dimension) => ({
      dimension,
      asked: asked[dimension]!,
      quota: status.quota[dimension],
      used: status.usage[dimension],
    }));
}
