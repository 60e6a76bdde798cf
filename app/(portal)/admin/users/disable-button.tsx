"use client";

import { useTranslations } from "next-intl";
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
  const t = useTranslations("adminUsers.disable");
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
        title={canChange ? undefined : t("readOnly")}
        onClick={() => {
          setNotStopped(null);
          run(() => setUserDisabledAction({ userId, disabled: !disabled }), {
            success: disabled ? t("enabled") : t("disabled"),
          });
        }}
      >
        {disabled ? t("enable") : t("disable")}
      </Button>
      {offerStop && !disabled && (
        <Button
          size="sm"
          variant="destructive"
          disabled={!canChange || pending}
          onClick={() =>
            run(() => setUserDisabledAction({ userId, disabled: true, stopVms: true }), {
              success: t("disabled"),
              onSuccess: ({ notStopped: left }) =>
                setNotStopped(
                  left.length
                    ? t("notStopped", {
                        vms: left.map((vm) => t("notStoppedVm", vm)).join("; "),
                      })
                    : null,
                ),
            })
          }
        >
          {t("disableAndStop")}
        </Button>
      )}
    </div>
  );
}
