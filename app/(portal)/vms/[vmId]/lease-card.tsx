"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { renewLeaseAction } from "../actions";

export function LeaseCard({
  vmId,
  endsOn,
  daysLeft,
}: {
  vmId: string;
  endsOn: string | null;
  daysLeft: number | null;
}) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <Card>
      <CardHeader>
        <CardTitle>Lease</CardTitle>
        <CardDescription>
          {endsOn
            ? `Ends on ${endsOn} (${daysLeft !== null && daysLeft >= 0 ? `in ${daysLeft} day${daysLeft === 1 ? "" : "s"}` : "ended"}). At the end the VM stops; later it is deleted unless renewed.`
            : "This VM has no lease end."}
        </CardDescription>
      </CardHeader>
      <CardContent className="flex items-center gap-3">
        <Button
          variant="outline"
          disabled={pending}
          onClick={() =>
            start(async () => {
              const result = await renewLeaseAction({ vmId });
              setError(result.ok ? null : result.error);
              if (result.ok) router.refresh();
            })
          }
        >
          Renew lease
        </Button>
        {error && (
          <p role="alert" className="text-sm text-destructive">
            {error}
          </p>
        )}
      </CardContent>
    </Card>
  );
}
