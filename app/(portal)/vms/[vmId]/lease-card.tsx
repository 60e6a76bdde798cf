"use client";

import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { FieldError } from "@/components/ui/field";
import { useActionRunner } from "@/hooks/use-action-runner";
import { renewLeaseAction } from "../actions";

export interface LeaseFacts {
  endsOn: string | null;
  daysLeft: number | null;
  /** Where a renewal now would take the lease. */
  renewsTo: string;
  exempt: boolean;
  stoppedByLease: boolean;
  deletesOn: string | null;
  idleDays: number | null;
  /** How the page was opened: from a renew link in lease mail, and whether it still holds. */
  link: "valid" | "expired" | "invalid" | null;
}

function describe(facts: LeaseFacts, t: ReturnType<typeof useTranslations<"vmPage.lease">>): string {
  if (facts.exempt) return t("exempt");
  if (!facts.endsOn) return t("noEnd");
  if (facts.stoppedByLease) return t("stopped", { end: facts.endsOn, deletes: facts.deletesOn ?? "" });
  const left = facts.daysLeft ?? 0;
  if (left <= 0) return t("ended", { end: facts.endsOn });
  return t("ends", { end: facts.endsOn, left });
}

export function LeaseCard({ vmId, facts, canRenew }: { vmId: string; facts: LeaseFacts; canRenew: boolean }) {
  const t = useTranslations("vmPage.lease");
  const format = useFormatter();
  const router = useRouter();
  const { run, pending, error } = useActionRunner({ refresh: true });
  const [renewed, setRenewed] = useState<string | null>(null);
  const confirming = canRenew && facts.link === "valid" && !renewed;
  const renew = () =>
    run(() => renewLeaseAction({ vmId }), {
      onSuccess: ({ leaseExpiresAt }) => {
        setRenewed(format.dateTime(new Date(leaseExpiresAt), "day"));
        router.replace(`/vms/${vmId}`);
      },
    });
  return (
    <Card className={confirming ? "border-primary" : undefined} data-testid="lease-card">
      <CardHeader>
        <CardTitle>{t("title")}</CardTitle>
        <CardDescription>{describe(facts, t)}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-3">
        {facts.idleDays !== null && (
          <p className="text-sm" data-testid="vm-idle">
            {t("idle", { days: facts.idleDays })}
          </p>
        )}
        {facts.link === "expired" && <p className="text-sm text-muted-foreground">{t("linkExpired")}</p>}
        {facts.link === "invalid" && <p className="text-sm text-muted-foreground">{t("linkInvalid")}</p>}
        {renewed && (
          <p role="status" className="text-sm">
            {t("renewed", { end: renewed })}
          </p>
        )}
        {canRenew && !facts.exempt && (
          <div className="flex flex-wrap items-center gap-3">
            {confirming && (
              <p className="text-sm font-medium">{t("confirmQuestion", { end: facts.renewsTo })}</p>
            )}
            <Button variant={confirming ? "default" : "outline"} disabled={pending} onClick={renew}>
              {confirming ? t("confirm") : t("renew", { end: facts.renewsTo })}
            </Button>
          </div>
        )}
        <FieldError>{error}</FieldError>
      </CardContent>
    </Card>
  );
}
