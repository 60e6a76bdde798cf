"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { useActionRunner } from "@/hooks/use-action-runner";
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
  const { run, pending, error } = useActionRunner();
  // VMs that could not be stopped stay on the page: the admin has to deal with them.
  const [notStopped, setNotStopped] = useState<string | null>(null);
  const problem = error ?? notStopped;
  return (
    <div className="flex items-center justify-end gap-2">
      {problem && (
        <span role="alert" className="text-xs text-destructive">
          {problem}
        </span>
      )}
      <Button
        size="sm"
        variant={disabled ? "outline" : "destructive"}
        disabled={!canChange || pending}
        title={canChange ? undefined : "Auditors can look but not change"}
        onClick={() => {
          setNotStopped(null);
          run(() => setUserDisabledAction({ userId, disabled: !disabled }), {
            success: disabled ? "Enabled." : "Disabled.",
          });
        }}
      >
        {disabled ? "Enable" : "Disable"}
      </Button>
      {offerStop && !disabled && (
        <Button
          size="sm"
          variant="destructive"
          disabled={!canChange || pending}
          onClick={() =>
            run(() => setUserDisabledAction({ userId, disabled: true, stopVms: true }), {
              success: "Disabled.",
              onSuccess: ({ notStopped: left }) =>
                setNotStopped(
                  left.length
                    ? `Disabled, but not stopped: ${left.map(({ name, reason }) => `${name} (${reason})`).join("; ")}`
                    : null,
                ),
            })
          }
        >
          Disable and stop their VMs
        </Button>
      )}
    </div>
  );
}
