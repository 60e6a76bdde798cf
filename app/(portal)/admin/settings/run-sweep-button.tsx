"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FieldError } from "@/components/ui/field";
import { useActionRunner } from "@/hooks/use-action-runner";
import type { SweepReport } from "@/lib/leases/lease-sweep";
import { runLeaseSweepAction } from "./actions";

function describeSweep(report: SweepReport): string {
  if (report.paused) return "The sweep is paused; it did nothing.";
  if (report.dryRun)
    return `Dry run: would ${report.planned.length > 0 ? report.planned.join("; ") : "do nothing"}.`;
  const done = `${report.reminded} reminded, ${report.stopped} stopped, ${report.deleted} deleted`;
  const errors = report.errors.length > 0 ? `; problems: ${report.errors.join("; ")}` : "";
  return `Swept ${report.candidates} leases: ${done}${errors}.`;
}

/** Runs the sweep now and keeps its report on the page: what it did is the point of pressing it. */
export function RunSweepButton({ canChange }: { canChange: boolean }) {
  const { run, pending, error } = useActionRunner();
  const [outcome, setOutcome] = useState<string | null>(null);
  return (
    <div className="flex flex-wrap items-center gap-3">
      <Button
        variant="outline"
        disabled={!canChange || pending}
        onClick={() => {
          setOutcome(null);
          run(() => runLeaseSweepAction({}), { onSuccess: (report) => setOutcome(describeSweep(report)) });
        }}
      >
        Run the lease sweep now
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
