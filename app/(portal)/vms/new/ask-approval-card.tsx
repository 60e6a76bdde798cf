"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Field, FieldDescription, FieldError, FieldLabel } from "@/components/ui/field";
import { Textarea } from "@/components/ui/textarea";
import { useActionRunner } from "@/hooks/use-action-runner";
import type { VmRequest } from "@/lib/vms/vm-inputs";
import { askVmApprovalAction } from "../../requests/actions";

/**
 * When the quota refuses a VM: the same request, sent for approval with a reason. Approved, the VM is
 * made exactly as asked.
 */
export function AskApprovalCard({
  request,
  asked,
  onAsked,
}: {
  request: VmRequest;
  /** Sent: the card says so, and the form above it gives way. */
  asked: boolean;
  onAsked: () => void;
}) {
  const t = useTranslations("createVm.askApproval");
  const [reason, setReason] = useState("");
  const { run, pending, error } = useActionRunner();
  if (asked)
    return (
      <Card>
        <CardHeader>
          <CardTitle>{t("askedTitle")}</CardTitle>
          <CardDescription>{t("askedDescription", { name: request.name })}</CardDescription>
        </CardHeader>
        <CardContent>
          <Button asChild variant="outline">
            <Link href="/requests">{t("yourRequests")}</Link>
          </Button>
        </CardContent>
      </Card>
    );
  return (
    <Card data-testid="ask-approval">
      <CardHeader>
        <CardTitle>{t("title")}</CardTitle>
        <CardDescription>{t("description")}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-3">
        <Field>
          <FieldLabel htmlFor="approval-reason">{t("reason")}</FieldLabel>
          <Textarea id="approval-reason" value={reason} onChange={(event) => setReason(event.target.value)} />
          <FieldDescription className="text-xs">{t("reasonHelp")}</FieldDescription>
        </Field>
        <FieldError>{error}</FieldError>
        <Button
          className="w-fit"
          disabled={pending}
          onClick={() =>
            run(() => askVmApprovalAction({ request, reason }), {
              onSuccess: onAsked,
            })
          }
        >
          {t("submit")}
        </Button>
      </CardContent>
    </Card>
  );
}
