"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { useActionRunner } from "@/hooks/use-action-runner";
import { retrySeatAction } from "../actions";

/** Queues a seat whose VM could not be made for a new attempt. */
export function RetrySeatButton({ cohortId, seatId }: { cohortId: string; seatId: string }) {
  const t = useTranslations("cohorts.controls");
  const { run, pending, error } = useActionRunner({ refresh: true });
  return (
    <div className="flex items-center gap-2">
      <Button
        size="sm"
        variant="outline"
        disabled={pending}
        onClick={() => run(() => retrySeatAction({ cohortId, seatId }), { success: t("queuedAgain") })}
      >
        {t("retry")}
      </Button>
      {error && <span className="text-sm text-destructive">{error}</span>}
    </div>
  );
}
