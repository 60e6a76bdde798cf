"use client";

import Link from "next/link";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { FieldError } from "@/components/ui/field";
import { useActionRunner } from "@/hooks/use-action-runner";
import { retryVmAction } from "../actions";
import type { CreatedVm } from "../new/created-vm-card";

/** After a failed provisioning: the reason is above; this offers the same request again. */
export function RetryCard({ vmId }: { vmId: string }) {
  const { run, pending, error } = useActionRunner();
  const [created, setCreated] = useState<CreatedVm | null>(null);
  return (
    <Card>
      <CardHeader>
        <CardTitle>Try again</CardTitle>
        <CardDescription>Nothing was left behind on the cluster and your quota was released.</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-3">
        {created ? (
          <>
            <p className="text-sm">
              New password for <code>{created.user}</code>, shown once:{" "}
              <code className="rounded border bg-muted px-2 py-1" data-testid="vm-password">
                {created.password}
              </code>
            </p>
            <Button asChild variant="outline" className="w-fit">
              <Link href={`/vms/${created.vmId}`}>Follow the new attempt</Link>
            </Button>
          </>
        ) : (
          <Button
            className="w-fit"
            disabled={pending}
            onClick={() => run(() => retryVmAction({ vmId }), { onSuccess: setCreated })}
          >
            Make it again
          </Button>
        )}
        <FieldError>{error}</FieldError>
      </CardContent>
    </Card>
  );
}
