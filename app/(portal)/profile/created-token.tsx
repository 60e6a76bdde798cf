"use client";

import { Check, Copy } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
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
  const [copied, setCopied] = useState(false);
  return (
    <Alert>
      <AlertTitle>{t("title", { name: created.name })}</AlertTitle>
      <AlertDescription className="grid gap-3">
        <p>{t("onlyOnce")}</p>
        <div className="flex flex-wrap items-center gap-2">
          <code
            className="break-all rounded-md border bg-muted px-3 py-2 font-mono text-xs"
            data-testid="api-token"
          >
            {created.token}
          </code>
          <Button
            variant="outline"
            size="sm"
            onClick={async () => {
              await navigator.clipboard.writeText(created.token);
              setCopied(true);
            }}
          >
            {copied ? <Check /> : <Copy />}
            {copied ? t("copied") : t("copy")}
          </Button>
          <Button variant="ghost" size="sm" onClick={onDone}>
            {t("done")}
          </Button>
        </div>
      </AlertDescription>
    </Alert>
  );
}
