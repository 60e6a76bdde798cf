"use client";

import { useRouter } from "next/navigation";
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
import { Field, FieldDescription, FieldError, FieldLabel } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { RadioGroup, RadioGroupItem } from "@/components/ui/radio-group";
import { useActionRunner } from "@/hooks/use-action-runner";
import { restoreAsNewVmAction, restoreInPlaceAction } from "./actions";
import type { BackupItem } from "./backup-item";

/**
 * Restoring makes a new VM unless asked otherwise; restoring over this VM asks for its name typed out,
 * which the server checks again, because it replaces the disks.
 */
export function RestoreDialog({
  vmName,
  backup,
  canRestoreOver = true,
}: {
  vmName: string;
  backup: Pick<BackupItem, "id" | "takenAt" | "note" | "size">;
  /** False for a deleted VM's backup, which comes back only as a new VM. */
  canRestoreOver?: boolean;
}) {
  const t = useTranslations("vmPage.restore");
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [target, setTarget] = useState<"new" | "in-place">("new");
  const [name, setName] = useState(`${vmName}-restored`);
  const [typed, setTyped] = useState("");
  const { run, pending, error, clearError } = useActionRunner();
  const ready = target === "new" ? name.trim().length > 0 : typed.trim() === vmName;
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
        <Button size="sm" variant="outline">
          {t("open")}
        </Button>
      </AlertDialogTrigger>
      <AlertDialogContent>
        <form
          className="grid gap-4"
          onSubmit={(event) => {
            event.preventDefault();
            if (target === "new")
              run(() => restoreAsNewVmAction({ backupId: backup.id, name: name.trim() }), {
                success: t("restoringAs", { name: name.trim() }),
                onSuccess: ({ vmId: restored }) => router.push(`/vms/${restored}`),
              });
            else
              run(() => restoreInPlaceAction({ backupId: backup.id, confirmName: typed.trim() }), {
                success: t("restoring", { name: vmName }),
                onSuccess: () => {
                  setOpen(false);
                  router.refresh();
                },
              });
          }}
        >
          <AlertDialogHeader>
            <AlertDialogTitle>{t("title", { day: backup.takenAt })}</AlertDialogTitle>
            <AlertDialogDescription>
              {backup.note
                ? t("noteAndSize", { note: backup.note, size: backup.size })
                : t("size", { size: backup.size })}
            </AlertDialogDescription>
          </AlertDialogHeader>
          {canRestoreOver && (
            <RadioGroup
              value={target}
              onValueChange={(value) => setTarget(value as "new" | "in-place")}
              aria-label={t("to")}
            >
              <div className="flex items-center gap-2">
                <RadioGroupItem value="new" id={`restore-new-${backup.id}`} />
                <FieldLabel htmlFor={`restore-new-${backup.id}`}>{t("asNew")}</FieldLabel>
              </div>
              <div className="flex items-center gap-2">
                <RadioGroupItem value="in-place" id={`restore-over-${backup.id}`} />
                <FieldLabel htmlFor={`restore-over-${backup.id}`}>{t("over", { name: vmName })}</FieldLabel>
              </div>
            </RadioGroup>
          )}
          {target === "new" ? (
            <Field className="gap-1.5">
              <FieldLabel htmlFor={`restore-name-${backup.id}`}>{t("newName")}</FieldLabel>
              <Input
                id={`restore-name-${backup.id}`}
                value={name}
                onChange={(event) => setName(event.target.value)}
                autoComplete="off"
              />
              <FieldDescription>{t("newHint")}</FieldDescription>
            </Field>
          ) : (
            <Field className="gap-1.5">
              <FieldLabel htmlFor={`restore-confirm-${backup.id}`}>
                {t.rich("confirm", { name: vmName, code: (chunks) => <code>{chunks}</code> })}
              </FieldLabel>
              <Input
                id={`restore-confirm-${backup.id}`}
                value={typed}
                onChange={(event) => setTyped(event.target.value)}
                autoComplete="off"
              />
              <FieldDescription>{t("overHint", { name: vmName })}</FieldDescription>
            </Field>
          )}
          <FieldError>{error}</FieldError>
          <AlertDialogFooter>
            <AlertDialogCancel type="button">{t("cancel")}</AlertDialogCancel>
            <Button
              type="submit"
              variant={target === "new" ? "default" : "destructive"}
              disabled={pending || !ready}
            >
              {target === "new" ? t("submitNew") : t("submitOver", { name: vmName })}
            </Button>
          </AlertDialogFooter>
        </form>
      </AlertDialogContent>
    </AlertDialog>
  );
}
