"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { removeClusterAction } from "./actions";

/** Asks once more before removing: the cluster's templates, ISOs and networks go with it. */
export function RemoveClusterButton({
  clusterId,
  name,
  canChange,
}: {
  clusterId: string;
  name: string;
  canChange: boolean;
}) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="grid gap-2">
      <div className="flex flex-wrap items-center gap-2">
        {confirming ? (
          <>
            <Button
              variant="destructive"
              disabled={pending}
              onClick={() =>
                start(async () => {
                  const result = await removeClusterAction({ clusterId });
                  if (result.ok) router.push("/admin/clusters");
                  else {
                    setError(result.error);
                    setConfirming(false);
                  }
                })
              }
            >
              Remove {name} for good
            </Button>
            <Button variant="outline" disabled={pending} onClick={() => setConfirming(false)}>
              Keep it
            </Button>
          </>
        ) : (
          <Button variant="destructive" disabled={!canChange} onClick={() => setConfirming(true)}>
            Remove cluster
          </Button>
        )}
      </div>
      {error && (
        <p role="alert" className="text-sm text-destructive">
          {error}
        </p>
      )}
    </div>
  );
}
