"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { renewLeaseAction } from "./actions";

/** Renews a VM's lease from the dashboard, in one click; the result replaces the button. */
export function RenewButton({ vmId, name }: { vmId: string; name: string }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  if (message) return <span role="status">{message}</span>;
  return (
    <Button
      size="sm"
      variant="outline"
      className="h-7 px-2 text-xs"
      aria-label={`Renew the lease of ${name}`}
      disabled={pending}
      onClick={() =>
        start(async () => {
          const result = await renewLeaseAction({ vmId });
          setMessage(result.ok ? `Renewed to ${result.data.leaseExpiresAt.slice(0, 10)}` : result.error);
          if (result.ok) router.refresh();
        })
      }
    >
      Renew
    </Button>
  );
}
