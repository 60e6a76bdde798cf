"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { NativeSelect, NativeSelectOption } from "@/components/ui/native-select";
import type { ProjectRole } from "@/db/schema";
import { useActionRunner } from "@/hooks/use-action-runner";
import { removeProjectMemberAction, setProjectMemberRoleAction } from "../actions";

/** An owner's controls for one manual member: change the role, remove them. */
export function MemberControls({
  projectId,
  userId,
  label,
  role,
}: {
  projectId: string;
  userId: string;
  label: string;
  role: ProjectRole;
}) {
  const t = useTranslations("projects");
  const { run, pending, error } = useActionRunner({ refresh: true });
  return (
    <div className="flex flex-wrap items-center justify-end gap-2">
      {error && (
        <span role="alert" className="text-xs text-destructive">
          {error}
        </span>
      )}
      <NativeSelect
        aria-label={t("members.roleOf", { name: label })}
        value={role}
        disabled={pending}
        className="h-8"
        onChange={(event) => {
          const next = event.target.value as ProjectRole;
          run(() => setProjectMemberRoleAction({ projectId, userId, role: next }), {
            success: t("members.nowRole", { name: label, role: t(`roleBadge.${next}`) }),
          });
        }}
      >
        <NativeSelectOption value="owner">{t("roleOption.owner")}</NativeSelectOption>
        <NativeSelectOption value="operator">{t("roleOption.operator")}</NativeSelectOption>
        <NativeSelectOption value="viewer">{t("roleOption.viewer")}</NativeSelectOption>
      </NativeSelect>
      <Button
        size="sm"
        variant="outline"
        disabled={pending}
        onClick={() =>
          run(() => removeProjectMemberAction({ projectId, userId }), {
            success: t("members.removed", { name: label }),
          })
        }
      >
        {t("members.remove")}
      </Button>
    </div>
  );
}
