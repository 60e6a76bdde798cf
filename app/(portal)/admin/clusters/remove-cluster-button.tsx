"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
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
import { removeClusterAction } from "./actions";

/** Asks once more before removing: the cluster's templates, ISOs and networks go with it. */
export function RemoveClusterButton({
  clusterId,
  name,
  canChange,
}: {
  clusterId: string;
  name: string;
  canChange: boolean;
}) {
  const t = useTranslations("adminClusters.remove");
  const router = useRouter();
  const { run, pending, error, clearError } = useActionRunner();
  return (
    <AlertDialog onOpenChange={clearError}>
      <AlertDialogTrigger asChild>
        <Button variant="destructive" className="w-fit" disabled={!canChange}>
          {t("button")}
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
              run(() => removeClusterAction({ clusterId }), {
                success: t("removed", { name }),
                onSuccess: () => router.push("/admin/clusters"),
              })
            }
          >
            {t("confirm", { name })}
          </Button>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}
