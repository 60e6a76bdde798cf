"use client";

import { useTranslations } from "next-intl";
import { CopyableSecret } from "@/components/copyable-secret";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

/** A new token, shown this once: the portal keeps only its hash. */
export function CreatedToken({
  created,
  onDone,
}: {
  created: { name: string; token: string };
  onDone: () => void;
}) {
  const t = useTranslations("profile.createdToken");
  return (
    <Alert>
      <AlertTitle>{t("title", { name: created.name })}</AlertTitle>
      <AlertDescription className="grid gap-3">
        <p>{t("onlyOnce")}</p>
        <div className="flex flex-wrap items-center gap-2">
          <CopyableSecret value={created.token} testId="api-token" className="text-xs" />
          <Button variant="ghost" size="sm" onClick={onDone}>
            {t("done")}
          </Button>
        </div>
      </AlertDescription>
    </Alert>
  );
}
