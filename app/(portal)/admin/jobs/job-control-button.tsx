"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { useActionRunner } from "@/hooks/use-action-runner";
import { cancelJobAction, retryJobAction } from "./actions";

const controls = {
  retry: { action: retryJobAction, variant: "outline" },
  cancel: { action: cancelJobAction, variant: "destructive" },
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
  const t = useTranslations("adminJobs.controls");
  const { run, pending, error } = useActionRunner();
  const { action, variant } = controls[control];
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
        title={canChange ? undefined : t("readOnly")}
        onClick={() => run(() => action({ jobId }), { success: t(`${control}.done`) })}
      >
        {t(`${control}.label`)}
      </Button>
    </div>
  );
}
