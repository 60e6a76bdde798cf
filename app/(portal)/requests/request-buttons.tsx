"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FieldError } from "@/components/ui/field";
import { useActionRunner } from "@/hooks/use-action-runner";
import { cancelRequestAction, revealPasswordAction } from "./actions";

export function CancelRequestButton({ requestId }: { requestId: string }) {
  const t = useTranslations("requests.buttons");
  const { run, pending, error } = useActionRunner({ refresh: true });
  return (
    <div className="grid gap-1">
      <Button
        size="sm"
        variant="outline"
        className="w-fit"
        disabled={pending}
        onClick={() => run(() => cancelRequestAction({ requestId }), { success: t("cancelled") })}
      >
        {t("cancel")}
      </Button>
      <FieldError>{error}</FieldError>
    </div>
  );
}

/** The approved VM's password, fetched once: after this the portal has no copy. */
export function RevealPasswordButton({ requestId }: { requestId: string }) {
  const t = useTranslations("requests.buttons");
  const { run, pending, error } = useActionRunner();
  const [shown, setShown] = useState<{ user: string; password: string } | null>(null);
  if (shown)
    return (
      <p className="text-sm">
        {t.rich("password", { user: shown.user, code: (chunks) => <code>{chunks}</code> })}{" "}
        <code className="rounded border bg-muted px-2 py-1" data-testid="vm-password">
          {shown.password}
        </code>
      </p>
    );
  return (
    <div className="grid gap-1">
      <Button
        size="sm"
        className="w-fit"
        disabled={pending}
        onClick={() => run(() => revealPasswordAction({ requestId }), { onSuccess: setShown })}
      >
        {t("showPassword")}
      </Button>
      <FieldError>{error}</FieldError>
    </div>
  );
}
