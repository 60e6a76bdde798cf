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
import { FieldError } from "@/components/ui/field";
import { useActionRunner } from "@/hooks/use-action-runner";
import { revokeApiTokenAction } from "./actions";

/** Asks once more: whatever uses the token stops working on its next call. */
export function RevokeTokenButton({ id, name }: { id: string; name: string }) {
  const t = useTranslations("profile.revokeToken");
  const [open, setOpen] = useState(false);
  const { run, pending, error, clearError } = useActionRunner();
  return (
    <AlertDialog
      open={open}
      onOpenChange={(next) => {
        clearError();
        setOpen(next);
      }}
    >
      <AlertDialogTrigger asChild>
        <Button variant="outline" size="sm" aria-label={t("revokeNamed", { name })}>
          {t("revoke")}
        </Button>
      </AlertDialogTrigger>
      <AlertDialogContent>
        <AlertDialogHeader>
          <AlertDialogTitle>{t("title", { name })}</AlertDialogTitle>
          <AlertDialogDescription>{t("description")}</AlertDialogDescription>
        </AlertDialogHeader>
        <FieldError>{error}</FieldError>
        <AlertDialogFooter>
          <AlertDialogCancel disabled={pending}>{t("keep")}</AlertDialogCancel>
          <Button
            variant="destructive"
            disabled={pending}
            onClick={() =>
              run(() => revokeApiTokenAction({ id }), {
                success: t("revoked", { name }),
                onSuccess: () => setOpen(false),
              })
            }
          >
            {t("revokeNamed", { name })}
          </Button>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}
