"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { ResetVmDialog } from "@/components/reset-vm-dialog";
import { Button } from "@/components/ui/button";
import { useActionRunner } from "@/hooks/use-action-runner";
import { powerVmAction, resetToBaselineAction } from "../../vms/actions";
import { recreateSeatVmAction } from "../actions";

/**
 * One student's VM, for the teacher: open its console, start or shut it down, reset it to the baseline or
 * make it again from the template.
 */
export function SeatControls({
  vmId,
  name,
  state,
  hasBaseline,
}: {
  vmId: string;
  name: string;
  state: string;
  hasBaseline: boolean;
}) {
  const t = useTranslations("cohorts.controls");
  const { run, pending, error } = useActionRunner({ refresh: true });
  return (
    <div className="flex flex-wrap items-center gap-2">
      {state === "running" && (
        <Button asChild size="sm">
          <Link href={`/vms/${vmId}/console`}>{t("console")}</Link>
        </Button>
      )}
      {state === "stopped" && (
        <Button
          size="sm"
          variant="outline"
          disabled={pending}
          onClick={() =>
            run(() => powerVmAction({ vmId, action: "start" }), { success: t("startedVm", { name }) })
          }
        >
          {t("start")}
        </Button>
      )}
      {state === "running" && (
        <Button
          size="sm"
          variant="outline"
          disabled={pending}
          onClick={() =>
            run(() => powerVmAction({ vmId, action: "shutdown" }), { success: t("shutDownVm", { name }) })
          }
        >
          {t("shutdown")}
        </Button>
      )}
      {hasBaseline && (state === "running" || state === "stopped") && (
        <ResetVmDialog
          name={name}
          label={t("reset")}
          reset={(confirmName) => resetToBaselineAction({ vmId, confirmName })}
        />
      )}
      {(state === "running" || state === "stopped") && (
        <ResetVmDialog
          name={name}
          kind="recreate"
          label={t("recreate")}
          reset={(confirmName) => recreateSeatVmAction({ vmId, confirmName })}
        />
      )}
      {error && <span className="text-sm text-destructive">{error}</span>}
    </div>
  );
}
