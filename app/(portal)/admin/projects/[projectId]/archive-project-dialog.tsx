"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
  AlertDialogTrigger,
} from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import { Field, FieldError, FieldLabel } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { useActionRunner } from "@/hooks/use-action-runner";
import { archiveProjectAction } from "../actions";

/**
 * Archiving asks for the project's name typed out; the server checks it again, and refuses while the
 * project still has VMs.
 */
export function ArchiveProjectDialog({
  projectId,
  name,
  liveVms,
  canChange,
}: {
  projectId: string;
  name: string;
  liveVms: number;
  canChange: boolean;
}) {
  const t = useTranslations("adminProjects.archive");
  const [typed, setTyped] = useState("");
  const { run, pending, error, clearError } = useActionRunner({ refresh: true });
  return (
    <AlertDialog
      onOpenChange={() => {
        setTyped("");
        clearError();
      }}
    >
      <AlertDialogTrigger asChild>
        <Button variant="destructive" className="w-fit" disabled={!canChange}>
          {t("button")}
        </Button>
      </AlertDialogTrigger>
      <AlertDialogContent>
        <form
          className="grid gap-4"
          onSubmit={(event) => {
            event.preventDefault();
            run(() => archiveProjectAction({ projectId, confirmName: typed }), {
              success: t("done", { name }),
            });
          }}
        >
          <AlertDialogHeader>
            <AlertDialogTitle>{t("title", { name })}</AlertDialogTitle>
            <AlertDialogDescription>
              {liveVms > 0 ? t("hasVms", { count: liveVms }) : t("empty")}
            </AlertDialogDescription>
          </AlertDialogHeader>
          <Field>
            <FieldLabel htmlFor="confirm-archive">
              {t.rich("confirm", { name, code: (chunks) => <code>{chunks}</code> })}
            </FieldLabel>
            <Input
              id="confirm-archive"
              value={typed}
              onChange={(event) => setTyped(event.target.value)}
              autoComplete="off"
            />
          </Field>
          <FieldError>{error}</FieldError>
          <AlertDialogFooter>
            <AlertDialogCancel type="button">{t("cancel")}</AlertDialogCancel>
            <Button type="submit" variant="destructive" disabled={pending || typed.trim() !== name}>
              {t("button")}
            </Button>
          </AlertDialogFooter>
        </form>
      </AlertDialogContent>
    </AlertDialog>
  );
}
