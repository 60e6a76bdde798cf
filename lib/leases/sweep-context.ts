import "server-only";
import type { Executor } from "@/db/client";
import type { LeaseCandidate } from "@/db/queries/leases";
import type { AuditActor } from "@/lib/audit/record-audit-event";
import type { RenderedMail } from "@/lib/mail/render-mail";
import { queueMail } from "@/lib/mail/send-mail";
import type { SettingValue } from "@/lib/settings/registry";
import type { SweepReport } from "./lease-sweep";

/** What every step of one sweep needs: its clock, the settings it read once, and the report it fills. */
export interface SweepContext {
  now: Date;
  policy: SettingValue<"lease.policy">;
  idle: SettingValue<"lease.idle">;
  portalName: string;
  /** How long a deleted VM's backups are kept, which the lease mails tell the owner. */
  backupKeepDays: number;
  report: SweepReport;
}

export const leaseActor: AuditActor = { id: null, label: "lease sweep" };

/** Queues a lease message to the VM's owner, once per ledger key; an owner without an address gets none. */
export async function mailOwner(
  candidate: LeaseCandidate,
  mail: { key: string; kind: string; message: RenderedMail },
  db?: Executor,
): Promise<void> {
  if (!candidate.owner.email) return;
  await queueMail(
    {
      dedupeKey: mail.key,
      to: candidate.owner.email,
      userId: candidate.owner.id,
      kind: mail.kind,
      message: mail.message,
    },
    db,
  );
}
