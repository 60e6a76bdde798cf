"use client";

import { Button } from "@/components/ui/button";
import { useActionRunner } from "@/hooks/use-action-runner";
import { cancelJobAction, retryJobAction } from "./actions";

const controls = {
  retry: { action: retryJobAction, label: "Retry", variant: "outline", done: "Queued to run again." },
  cancel: { action: cancelJobAction, label: "Cancel", variant: "destructive", done: "Cancelled." },
} as const;

export function JobControlButton({
  jobId,
  control,
  canChange,
}: {
  jobId: string;
  control: keyof typeof controls;
  canChange: boolean;
}) {
  const { run, pending, error } = useActionRunner();
  const { action, label, variant, done } = controls[control];
  return (
    <div className="flex items-center justify-end gap-2">
      {error && (
        <span role="alert" className="text-xs text-destructive">
          {error}
        </span>
      )}
      <Button
        size="sm"
        variant={variant}
        disabled={!canChange || pending}
        title={canChange ? undefined : "Auditors can look but not change"}
        onClick={() => run(() => action({ jobId }), { success: done })}
      >
        {label}
      </Button>
    </div>
  );
}
