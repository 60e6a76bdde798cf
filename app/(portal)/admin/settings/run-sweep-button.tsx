"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FieldError } from "@/components/ui/field";
import { useActionRunner } from "@/hooks/use-action-runner";
import type { SweepReport } from "@/lib/leases/lease-sweep";
import { runLeaseSweepAction } from "./actions";

type Translate = ReturnType<typeof useTranslations<"adminSettings">>;

function describeSweep(report: SweepReport, t: Translate): string {
  if (report.paused) return t("sweep.paused");
  if (report.dryRun)
    return report.planned.length > 0
      ? t("sweep.dryRun", { actions: report.planned.join("; ") })
      : t("sweep.dryRunNothing");
  const counts = {
    candidates: report.candidates,
    reminded: report.reminded,
    stopped: report.stopped,
    deleted: report.deleted,
  };
  return report.errors.length > 0
    ? t("sweep.doneWithProblems", { ...counts, problems: report.errors.join("; ") })
    : t("sweep.done", counts);
}

/** Runs the sweep now and keeps its report on the page: what it did is the point of pressing it. */
export function RunSweepButton({ canChange }: { canChange: boolean }) {
  const t = useTranslations("adminSettings");
  const { run, pending, error } = useActionRunner();
  const [outcome, setOutcome] = useState<string | null>(null);
  return (
    <div className="flex flex-wrap items-center gap-3">
      <Button
        variant="outline"
        disabled={!canChange || pending}
        onClick={() => {
          setOutcome(null);
          run(() => runLeaseSweepAction({}), { onSuccess: (report) => setOutcome(describeSweep(report, t)) });
        }}
      >
        {t("sweep.run")}
      </Button>
      {outcome && (
        <p role="status" className="text-sm" data-testid="sweep-outcome">
          {outcome}
        </p>
      )}
      <FieldError>{error}</FieldError>
    </div>
  );
}
