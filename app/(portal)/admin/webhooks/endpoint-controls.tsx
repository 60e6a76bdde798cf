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
import {
  deleteWebhookEndpointAction,
  sendTestWebhookAction,
  setWebhookEndpointEnabledAction,
} from "./actions";

/** Send a test event, disable or enable, and delete (asked once more) one endpoint. */
export function EndpointControls({
  endpointId,
  url,
  enabled,
  canChange,
  afterDelete,
}: {
  endpointId: string;
  url: string;
  enabled: boolean;
  canChange: boolean;
  /** Where to go once it is deleted; stays on the page when left out. */
  afterDelete?: string;
}) {
  const t = useTranslations("adminWebhooks.controls");
  const router = useRouter();
  const controls = useActionRunner({ refresh: true });
  const removal = useActionRunner();
  return (
    <div className="grid justify-items-end gap-1">
      <div className="flex flex-wrap justify-end gap-2">
        <Button
          variant="outline"
          size="sm"
          disabled={!canChange || !enabled || controls.pending}
          onClick={() =>
            controls.run(() => sendTestWebhookAction({ endpointId }), {
              success: t("testQueued"),
            })
          }
        >
          {t("sendTest")}
        </Button>
        <Button
          variant="outline"
          size="sm"
          disabled={!canChange || controls.pending}
          onClick={() =>
            controls.run(() => setWebhookEndpointEnabledAction({ endpointId, enabled: !enabled }), {
              success: enabled ? t("disabled") : t("enabled"),
            })
          }
        >
          {enabled ? t("disable") : t("enable")}
        </Button>
        <AlertDialog onOpenChange={removal.clearError}>
          <AlertDialogTrigger asChild>
            <Button variant="destructive" size="sm" disabled={!canChange}>
              {t("delete")}
            </Button>
          </AlertDialogTrigger>
          <AlertDialogContent>
            <AlertDialogHeader>
              <AlertDialogTitle>{t("confirm.title")}</AlertDialogTitle>
              <AlertDialogDescription>
                {t.rich("confirm.body", {
                  url,
                  mono: (chunks) => <span className="font-mono break-all">{chunks}</span>,
                })}
              </AlertDialogDescription>
            </AlertDialogHeader>
            <FieldError>{removal.error}</FieldError>
            <AlertDialogFooter>
              <AlertDialogCancel disabled={removal.pending}>{t("confirm.keep")}</AlertDialogCancel>
              <Button
                variant="destructive"
                disabled={removal.pending}
                onClick={() =>
                  removal.run(() => deleteWebhookEndpointAction({ endpointId }), {
                    success: t("deleted"),
                    onSuccess: () => (afterDelete ? router.push(afterDelete) : router.refresh()),
                  })
                }
              >
                {t("confirm.delete")}
              </Button>
            </AlertDialogFooter>
          </AlertDialogContent>
        </AlertDialog>
      </div>
      <FieldError>{controls.error}</FieldError>
    </div>
  );
}
