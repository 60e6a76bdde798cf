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
import type { ActionResult } from "@/lib/actions/action-result";

/**
 * Deleting a VM asks for its name typed out, so a slip of the mouse cannot delete the wrong one. The
 * server checks the typed name again.
 */
export function DeleteVmDialog({
  name,
  remove,
  onDeleted,
}: {
  name: string;
  remove: (confirmName: string) => Promise<ActionResult<unknown>>;
  onDeleted: () => void;
}) {
  const t = useTranslations("components.deleteVm");
  const tc = useTranslations("common");
  const [typed, setTyped] = useState("");
  const { run, pending, error, clearError } = useActionRunner();
  return (
    <AlertDialog
      onOpenChange={() => {
        setTyped("");
        clearError();
      }}
    >
      <AlertDialogTrigger asChild>
        <Button variant="destructive" className="w-fit">
          {t("submit")}
        </Button>
      </AlertDialogTrigger>
      <AlertDialogContent>
        <form
          className="grid gap-4"
          onSubmit={(event) => {
            event.preventDefault();
            run(() => remove(typed), { success: t("deleted", { name }), onSuccess: onDeleted });
          }}
        >
          <AlertDialogHeader>
            <AlertDialogTitle>{t("title", { name })}</AlertDialogTitle>
            <AlertDialogDescription>{t("description")}</AlertDialogDescription>
          </AlertDialogHeader>
          <Field>
            <FieldLabel htmlFor="confirm-delete">
              {t.rich("confirm", { name, code: (chunks) => <code>{chunks}</code> })}
            </FieldLabel>
            <Input
              id="confirm-delete"
              value={typed}
              onChange={(event) => setTyped(event.target.value)}
              autoComplete="off"
            />
          </Field>
          <FieldError>{error}</FieldError>
          <AlertDialogFooter>
            <AlertDialogCancel type="button">{tc("cancel")}</AlertDialogCancel>
            <Button type="submit" variant="destructive" disabled={pending || typed.trim() !== name}>
              {t("submit")}
            </Button>
          </AlertDialogFooter>
        </form>
      </AlertDialogContent>
    </AlertDialog>
  );
}
