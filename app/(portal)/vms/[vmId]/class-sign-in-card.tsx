"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { CopyableSecret } from "@/components/copyable-secret";
import { Time } from "@/components/time";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { FieldError } from "@/components/ui/field";
import { useActionRunner } from "@/hooks/use-action-runner";
import { revealSeatPasswordAction } from "../../cohorts/actions";

const code = (chunks: React.ReactNode) => <code>{chunks}</code>;

/**
 * For the student of a class VM: the user to sign in as, and the VM's first password, which the portal
 * keeps sealed until the student shows it once.
 */
export function ClassSignInCard({
  vmId,
  user,
  password,
  shownAt,
}: {
  vmId: string;
  user: string;
  password: "waiting" | "shown" | "none";
  shownAt: Date | null;
}) {
  const t = useTranslations("vmPage.classSignIn");
  const { run, pending, error } = useActionRunner();
  const [shown, setShown] = useState<string | null>(null);
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("title")}</CardTitle>
        <CardDescription>{t.rich("user", { user, code })}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-3 text-sm">
        {shown ? (
          <>
            <div className="flex items-center gap-2">
              <CopyableSecret value={shown} testId="vm-password" />
            </div>
            <p>{t("saveNow")}</p>
          </>
        ) : password === "waiting" ? (
          <>
            <p>{t("waiting")}</p>
            <Button
              className="w-fit"
              disabled={pending}
              onClick={() =>
                run(() => revealSeatPasswordAction({ vmId }), {
                  onSuccess: (revealed) => setShown(revealed.password),
                })
              }
            >
              {t("show")}
            </Button>
            <FieldError>{error}</FieldError>
          </>
        ) : password === "shown" && shownAt ? (
          <p>{t.rich("shownAlready", { at: () => <Time at={shownAt} /> })}</p>
        ) : (
          <p>{t("keysOnly")}</p>
        )}
      </CardContent>
    </Card>
  );
}
