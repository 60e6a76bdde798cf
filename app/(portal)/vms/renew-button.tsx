"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { useActionRunner } from "@/hooks/use-action-runner";
import { renewLeaseAction } from "./actions";

/** Renews a VM's lease from the dashboard, in one click; the result replaces the button. */
export function RenewButton({ vmId, name }: { vmId: string; name: string }) {
  const t = useTranslations("dashboard.renew");
  const format = useFormatter();
  const { run, pending, error } = useActionRunner({ refresh: true });
  const [renewedTo, setRenewedTo] = useState<Date | null>(null);
  if (renewedTo)
    return <span role="status">{t("renewedTo", { date: format.dateTime(renewedTo, "day") })}</span>;
  if (error) return <span role="alert">{error}</span>;
  return (
    <Button
      size="sm"
      variant="outline"
      className="h-7 px-2 text-xs"
      aria-label={t("label", { name })}
      disabled={pending}
      onClick={() =>
        run(() => renewLeaseAction({ vmId }), {
          onSuccess: ({ leaseExpiresAt }) => setRenewedTo(new Date(leaseExpiresAt)),
        })
      }
    >
      {t("submit")}
    </Button>
  );
}
