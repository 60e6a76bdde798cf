import "server-only";
import { type Executor, getDb } from "@/db/client";
import {
  getProjectQuota,
  getQuotaOverride,
  getUsage,
  listGroupQuotasForUser,
  lockAccountForQuota,
} from "@/db/queries/quotas";
import { DomainError, notFound } from "@/lib/errors";
import { message, sentences } from "@/lib/i18n/message";
import { getSetting } from "@/lib/settings/settings";
import { mostGenerous, type Quota, remaining, shortfalls, type Usage } from "./quota";
import type { QuotaAccount } from "./quota-account";

/** Where a quota comes from: a person's override, groups or the default, or the project's own. */
export type QuotaSource = "override" | "groups" | "default" | "project";

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

/** The quota that limits the account: the person's effective quota, or the project's own. */
export async function getAccountQuota(
  account: QuotaAccount,
  db?: Executor,
): Promise<{ quota: Quota; source: QuotaSource } | null> {
  if (account.kind === "user") return getEffectiveQuota(account.id, db);
  const quota = await getProjectQuota({ projectId: account.id }, db);
  return quota ? { quota, source: "project" } : null;
}

export interface QuotaStatus {
  quota: Quota;
  source: QuotaSource;
  usage: Usage;
  remaining: Quota;
}

export async function getQuotaStatus(account: QuotaAccount): Promise<QuotaStatus> {
  const [limits, usage] = await Promise.all([getAccountQuota(account), getUsage(account)]);
  if (!limits) throw notFound(message("errors.projects.noSuchProject"));
  return { quota: limits.quota, source: limits.source, usage, remaining: remaining(limits.quota, usage) };
}

export class QuotaExceededError extends DomainError {
  constructor(readonly shortfalls: string[]) {
    super("conflict", sentences(shortfalls));
    this.name = "QuotaExceededError";
  }
}

/**
 * Checks a request against the account's quota and runs `claim` in the same transaction, holding the
 * account's row lock (the user's, or the project's), so concurrent requests against one account, from one
 * person or many members, can never together exceed it. `claim` records what it takes (a VM row, a resize)
 * before the lock is released.
 */
export async function withinQuota<T>(
  account: QuotaAccount,
  request: Partial<Usage>,
  claim: (tx: Executor) => Promise<T>,
): Promise<T> {
  return getDb().transaction(async (tx) => {
    if (!(await lockAccountForQuota(account, tx)))
      throw new QuotaExceededError([
        message(account.kind === "user" ? "errors.quota.noSuchUser" : "errors.quota.noSuchProject"),
      ]);
    const limits = await getAccountQuota(account, tx);
    const usage = await getUsage(account, tx);
    const problems = shortfalls(
      limits!.quota,
      usage,
      request,
      account.kind === "project" ? "project" : "you",
    );
    if (problems.length > 0) throw new QuotaExceededError(problems);
    return claim(tx);
  });
}
