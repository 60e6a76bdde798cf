"use client";

import { useRouter } from "next/navigation";
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

function describe(facts: LeaseFacts): string {
  if (facts.exempt) return "An admin exempted this VM: its lease does not end.";
  if (!facts.endsOn) return "This VM has no lease end.";
  if (facts.stoppedByLease)
    return `The lease ended on ${facts.endsOn} and the VM was stopped. It will be deleted on ${facts.deletesOn} unless you renew it.`;
  const left = facts.daysLeft ?? 0;
  if (left <= 0)
    return `The lease ended on ${facts.endsOn}; the VM will be stopped shortly unless you renew it.`;
  return `Ends on ${facts.endsOn} (in ${left} day${left === 1 ? "" : "s"}). At the end the VM stops; later it is deleted unless renewed.`;
}

export function LeaseCard({ vmId, facts }: { vmId: string; facts: LeaseFacts }) {
  const router = useRouter();
  const { run, pending, error } = useActionRunner({ refresh: true });
  const [renewed, setRenewed] = useState<string | null>(null);
  const confirming = facts.link === "valid" && !renewed;
  const renew = () =>
    run(() => renewLeaseAction({ vmId }), {
      onSuccess: ({ leaseExpiresAt }) => {
        setRenewed(leaseExpiresAt.slice(0, 10));
        router.replace(`/vms/${vmId}`);
      },
    });
  return (
    <Card className={confirming ? "border-primary" : undefined} data-testid="lease-card">
      <CardHeader>
        <CardTitle>Lease</CardTitle>
        <CardDescription>{describe(facts)}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-3">
        {facts.idleDays !== null && (
          <p className="text-sm" data-testid="vm-idle">
            This VM has been idle for {facts.idleDays} days (its processor barely used). If you no longer need
            it, let the lease run out.
          </p>
        )}
        {facts.link === "expired" && (
          <p className="text-sm text-muted-foreground">
            That renewal link has expired; you can still renew here.
          </p>
        )}
        {facts.link === "invalid" && (
          <p className="text-sm text-muted-foreground">That renewal link is not valid for this VM.</p>
        )}
        {renewed && (
          <p role="status" className="text-sm">
            Renewed: the lease now ends on {renewed}.
          </p>
        )}
        {!facts.exempt && (
          <div className="flex flex-wrap items-center gap-3">
            {confirming && <p className="text-sm font-medium">Renew the lease until {facts.renewsTo}?</p>}
            <Button variant={confirming ? "default" : "outline"} disabled={pending} onClick={renew}>
              {confirming ? "Confirm renewal" : `Renew until ${facts.renewsTo}`}
            </Button>
          </div>
        )}
        <FieldError>{error}</FieldError>
      </CardContent>
    </Card>
  );
}
