import type { QuotaAccount } from "@/db/schema";

export type { QuotaAccount };

export const userAccount = (id: string): QuotaAccount => ({ kind: "user", id });
export const projectAccount = (id: string): QuotaAccount => ({ kind: "project", id });

/** Whose quota a VM counts in: its project's when it has one, else its owner's. */
export function accountOf(vm: { ownerId: string; projectId: string | null }): QuotaAccount {
  return vm.projectId ? projectAccount(vm.projectId) : userAccount(vm.ownerId);
}
