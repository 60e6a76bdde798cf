"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { FieldError } from "@/components/ui/field";
import { useActionRunner } from "@/hooks/use-action-runner";
import { retryVmAction } from "../actions";
import type { CreatedVm } from "../new/created-vm-card";

/** After a failed provisioning: the reason is above; this offers the same request again. */
export function RetryCard({ vmId }: { vmId: string }) {
  const t = useTranslations("vmPage.retry");
  const { run, pending, error } = useActionRunner();
  const [created, setCreated] = useState<CreatedVm | null>(null);
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("title")}</CardTitle>
        <CardDescription>{t("description")}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-3">
        {created ? (
          <>
            <p className="text-sm">
              {t.rich("password", {
                user: created.user,
                password: created.password,
                code: (chunks) => <code>{chunks}</code>,
                secret: (chunks) => (
                  <code className="rounded border bg-muted px-2 py-1" data-testid="vm-password">
                    {chunks}
                  </code>
                ),
              })}
            </p>
            <Button asChild variant="outline" className="w-fit">
              <Link href={`/vms/${created.vmId}`}>{t("follow")}</Link>
            </Button>
          </>
        ) : (
          <Button
            className="w-fit"
            disabled={pending}
            onClick={() => run(() => retryVmAction({ vmId }), { onSuccess: setCreated })}
          >
            {t("again")}
          </Button>
        )}
        <FieldError>{error}</FieldError>
      </CardContent>
    </Card>
  );
}
