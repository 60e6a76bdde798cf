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
 * Resetting a VM to its baseline, or re-creating it from its template, throws away everything done on it
 * since it was made, so it asks for the VM's name typed out; the server checks the typed name again.
 */
export function ResetVmDialog({
  name,
  reset,
  kind = "reset",
  label,
  title,
  description,
}: {
  /** What the person types to confirm: the VM's name, or the class's for all its VMs. */
  name: string;
  reset: (confirmName: string) => Promise<ActionResult<unknown>>;
  kind?: "reset" | "recreate";
  label?: string;
  title?: string;
  description?: string;
}) {
  const resetWords = useTranslations("components.resetVm");
  const recreateWords = useTranslations("components.recreateVm");
  const t = kind === "recreate" ? recreateWords : resetWords;
  const tc = useTranslations("common");
  const [typed, setTyped] = useState("");
  const [open, setOpen] = useState(false);
  const { run, pending, error, clearError } = useActionRunner({ refresh: true });
  const inputId = `confirm-${kind}-${name}`;
  return (
    <AlertDialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        setTyped("");
        clearError();
      }}
    >
      <AlertDialogTrigger asChild>
        <Button variant="outline" className="w-fit">
          {label ?? t("label")}
        </Button>
      </AlertDialogTrigger>
      <AlertDialogContent>
        <form
          className="grid gap-4"
          onSubmit={(event) => {
            event.preventDefault();
            run(() => reset(typed), { success: t("done", { name }), onSuccess: () => setOpen(false) });
          }}
        >
          <AlertDialogHeader>
            <AlertDialogTitle>{title ?? t("title", { name })}</AlertDialogTitle>
            <AlertDialogDescription>{description ?? t("description")}</AlertDialogDescription>
          </AlertDialogHeader>
          <Field>
            <FieldLabel htmlFor={inputId}>
              {resetWords.rich("confirm", { name, code: (chunks) => <code>{chunks}</code> })}
            </FieldLabel>
            <Input
              id={inputId}
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
