"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { useActionRunner } from "@/hooks/use-action-runner";
import { restoreProjectAction } from "../actions";

/** Lifts an archive: the project takes new VMs again and is back in its members' lists. */
export function RestoreProjectButton({
  projectId,
  name,
  canChange,
}: {
  projectId: string;
  name: string;
  canChange: boolean;
}) {
  const t = useTranslations("adminProjects.restore");
  const { run, pending, error } = useActionRunner({ refresh: true });
  return (
    <div className="flex items-center gap-2">
      {error && (
        <span role="alert" className="text-xs text-destructive">
          {error}
        </span>
      )}
      <Button
        variant="outline"
        disabled={!canChange || pending}
        onClick={() => run(() => restoreProjectAction({ projectId }), { success: t("done", { name }) })}
      >
        {t("button")}
      </Button>
    </div>
  );
}
