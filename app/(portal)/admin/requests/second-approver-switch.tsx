"use client";

import { useTranslations } from "next-intl";
import { Label } from "@/components/ui/label";
import { Switch } from "@/components/ui/switch";
import { useActionRunner } from "@/hooks/use-action-runner";
import { saveApprovalSettingsAction } from "./actions";

export function SecondApproverSwitch({ initial, canChange }: { initial: boolean; canChange: boolean }) {
  const t = useTranslations("adminRequests");
  const { run, pending } = useActionRunner({ refresh: true, success: t("saved") });
  return (
    <div className="flex items-center gap-3">
      <Switch
        id="second-approver"
        checked={initial}
        disabled={!canChange || pending}
        onCheckedChange={(second) => run(() => saveApprovalSettingsAction({ second }))}
      />
      <Label htmlFor="second-approver">{t("secondApprover")}</Label>
    </div>
  );
}
