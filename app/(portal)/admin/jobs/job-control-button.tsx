"use client";

import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { cancelJobAction, retryJobAction } from "./actions";

const controls = {
  retry: { action: retryJobAction, label: "Retry", variant: "outline" },
  cancel: { action: cancelJobAction, label: "Cancel", variant: "destructive" },
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
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const { action, label, variant } = controls[control];
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
        onClick={() =>
          startTransition(async () => {
            const result = await action({ jobId });
            setError(result.ok ? null : result.error);
          })
        }
      >
        {label}
      </Button>
    </div>
  );
}
