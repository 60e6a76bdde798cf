import "server-only";
import { type Executor, getDb } from "@/db/client";
import { getQuotaOverride, getUsage, listGroupQuotasForUser, lockUserForQuota } from "@/db/queries/quotas";
import { DomainError } from "@/lib/errors";
import { getSetting } from "@/lib/settings/settings";
import { mostGenerous, type Quota, remaining, shortfalls, type Usage } from "./quota";

export type QuotaSource = "override" | "groups" | "default";

/** An admin's override if set, else the most generous of the user's groups, else the global default. */
export async function getEffectiveQuota(
  userId: string,
  db?: Executor,
): Promise<{ quota: Quota; source: QuotaSource }> {
  const override = await getQuotaOverride({ userId }, db);
  if (override) return { quota: override, source: "override" };
  const fromGroups = mostGenerous(await listGroupQuotasForUser({ userId }, db));
  if (fromGroups) return { quota: fromGroups, source: "groups" };
  return { quota: await getSetting("quota.default", db), source: "default" };
}

export interface QuotaStatus {
  quota: Quota;
  source: QuotaSource;
  usage: Usage;
  remaining: Quota;
}

export async function getQuotaStatus(userId: string): Promise<QuotaStatus> {
  const [{ quota, source }, usage] = await Promise.all([getEffectiveQuota(userId), getUsage({ userId })]);
  return { quota, source, usage, remaining: remaining(quota, usage) };
}

export class QuotaExceededError extends DomainError {
  constructor(readonly shortfalls: string[]) {
    super("conflict", shortfalls.join(" "));
    this.name = "QuotaExceededError";
  }
}

/**
 * Checks a request against the user's quota and runs `claim` in the same transaction, holding the user's
 * row lock, so concurrent requests from one user can never together exceed it. `claim` records what it
 * takes (a VM row, a resize) before the lock is released.
 */
export async function withinQuota<T>(
  userId: string,
  request: Partial<Usage>,
  claim: (tx: Executor) => Promise<T>,
): Promise<T> {
  return getDb().transaction(async (tx) => {
    if (!(await lockUserForQuota({ userId }, tx)))
      throw new QuotaExceededError(["That user does not exist."]);
    const [{ quota }, usage] = [await getEffectiveQuota(userId, tx), await getUsage({ userId }, tx)];
    const problems = shortfalls(quota, usage, request);
    if (problems.length > 0) throw new QuotaExceededError(problems);
    return claim(tx);
  });
}
