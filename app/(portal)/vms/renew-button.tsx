"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { useActionRunner } from "@/hooks/use-action-runner";
import { renewLeaseAction } from "./actions";

/** Renews a VM's lease from the dashboard, in one click; the result replaces the button. */
export function RenewButton({ vmId, name }: { vmId: string; name: string }) {
  const { run, pending, error } = useActionRunner({ refresh: true });
  const [renewedTo, setRenewedTo] = useState<string | null>(null);
  if (renewedTo) return <span role="status">Renewed to {renewedTo}</span>;
  if (error) return <span role="alert">{error}</span>;
  return (
    <Button
      size="sm"
      variant="outline"
      className="h-7 px-2 text-xs"
      aria-label={`Renew the lease of ${name}`}
      disabled={pending}
      onClick={() =>
        run(() => renewLeaseAction({ vmId }), {
          onSuccess: ({ leaseExpiresAt }) => setRenewedTo(leaseExpiresAt.slice(0, 10)),
        })
      }
    >
      Renew
    </Button>
  );
}
