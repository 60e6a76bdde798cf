"use client";

import { useTranslations } from "next-intl";
import { ResetVmDialog } from "@/components/reset-vm-dialog";
import { Button } from "@/components/ui/button";
import { FieldError } from "@/components/ui/field";
import { useActionRunner } from "@/hooks/use-action-runner";
import type { SeatsOutcome } from "@/lib/cohorts/act-on-seats";
import { actOnSeatsAction } from "../actions";

const counts = ({ done, skipped }: SeatsOutcome) => ({
  done: done.length,
  left: Object.keys(skipped).length,
});

/** Start, shut down or reset every VM of the class at once. */
export function ClassControls({ cohortId, name }: { cohortId: string; name: string }) {
  const t = useTranslations("cohorts.controls");
  const { run, pending, error } = useActionRunner({ refresh: true });
  return (
    <div className="grid gap-2">
      <div className="flex flex-wrap gap-2">
        <Button
          variant="outline"
          disabled={pending}
          onClick={() =>
            run(() => actOnSeatsAction({ cohortId, action: "start" }), {
              success: (outcome) => t("started", counts(outcome)),
            })
          }
        >
          {t("startAll")}
        </Button>
        <Button
          variant="outline"
          disabled={pending}
          onClick={() =>
            run(() => actOnSeatsAction({ cohortId, action: "shutdown" }), {
              success: (outcome) => t("shutDown", counts(outcome)),
            })
          }
        >
          {t("shutdownAll")}
        </Button>
        <ResetVmDialog
          name={name}
          label={t("resetAll")}
          title={t("resetAllTitle", { name })}
          description={t("resetAllDescription")}
          reset={(confirmName) => actOnSeatsAction({ cohortId, action: "reset", confirmName })}
        />
      </div>
      <FieldError>{error}</FieldError>
    </div>
  );
}
