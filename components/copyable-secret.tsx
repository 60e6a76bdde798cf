"use client";

import { Check, Copy } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/lib/utils";

/** A secret shown once (a password, a token), with a button that copies it. */
export function CopyableSecret({
  value,
  testId,
  className,
}: {
  value: string;
  testId: string;
  className?: string;
}) {
  const t = useTranslations("common");
  const [copied, setCopied] = useState(false);
  return (
    <>
      <code
        className={cn("break-all rounded-md border bg-muted px-3 py-2 font-mono", className)}
        data-testid={testId}
      >
        {value}
      </code>
      <Button
        variant="outline"
        size="sm"
        onClick={async () => {
          await navigator.clipboard.writeText(value);
          setCopied(true);
        }}
      >
        {copied ? <Check /> : <Copy />}
        {copied ? t("copied") : t("copy")}
      </Button>
    </>
  );
}
