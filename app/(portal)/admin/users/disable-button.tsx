"use client";

import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { setUserDisabledAction } from "./actions";

export function DisableButton({
  userId,
  disabled,
  canChange,
  offerStop = false,
}: {
  userId: string;
  disabled: boolean;
  canChange: boolean;
  /** Also offer to stop the person's running VMs when disabling. */
  offerStop?: boolean;
}) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="flex items-center justify-end gap-2">
      {error && (
        <span role="alert" className="text-xs text-destructive">
          {error}
        </span>
      )}
      <Button
        size="sm"
        variant={disabled ? "outline" : "destructive"}
        disabled={!canChange || pending}
        title={canChange ? undefined : "Auditors can look but not change"}
        onClick={() =>
          startTransition(async () => {
            const result = await setUserDisabledAction({ userId, disabled: !disabled });
            setError(result.ok ? null : result.error);
          })
        }
      >
        {disabled ? "Enable" : "Disable"}
      </Button>
      {offerStop && !disabled && (
        <Button
          size="sm"
          variant="destructive"
          disabled={!canChange || pending}
          onClick={() =>
            startTransition(async () => {
              const result = await setUserDisabledAction({ userId, disabled: true, stopVms: true });
              if (!result.ok) return setError(result.error);
              const left = result.data.notStopped;
              setError(
                left.length
                  ? `Disabled, but not stopped: ${left.map(({ name, reason }) => `${name} (${reason})`).join("; ")}`
                  : null,
              );
            })
          }
        >
          Disable and stop their VMs
        </Button>
      )}
    </div>
  );
}
