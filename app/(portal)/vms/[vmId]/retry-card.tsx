"use client";

import Link from "next/link";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { retryVmAction } from "../actions";

/** After a failed provisioning: the reason is above; this offers the same request again. */
export function RetryCard({ vmId }: { vmId: string }) {
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<{ vmId: string; password: string; user: string } | null>(null);
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
            onClick={() =>
              start(async () => {
                const result = await retryVmAction({ vmId });
                if (result.ok) setCreated(result.data);
                else setError(result.error);
              })
            }
          >
            Make it again
          </Button>
        )}
        {error && (
          <p role="alert" className="text-sm text-destructive">
            {error}
          </p>
        )}
      </CardContent>
    </Card>
  );
}
