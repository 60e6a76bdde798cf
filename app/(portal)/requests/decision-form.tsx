"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FieldError } from "@/components/ui/field";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import { useActionRunner } from "@/hooks/use-action-runner";
import type { ActionResult } from "@/lib/actions/action-result";

type Decide = (input: { requestId: string; comment: string }) => Promise<ActionResult<unknown>>;

/** A comment and the two answers; a denial needs the comment, since it tells the person why. */
export function DecisionForm({
  requestId,
  approve,
  deny,
  disabled = false,
}: {
  requestId: string;
  approve: Decide;
  deny: Decide;
  disabled?: boolean;
}) {
  const t = useTranslations("requests.decision");
  const [comment, setComment] = useState("");
  const { run, pending, error } = useActionRunner({ refresh: true });
  const id = `comment-${requestId}`;
  return (
    <div className="grid gap-2">
      <Label htmlFor={id}>{t("comment")}</Label>
      <Textarea
        id={id}
        value={comment}
        onChange={(event) => setComment(event.target.value)}
        placeholder={t("placeholder")}
        disabled={disabled}
      />
      <div className="flex gap-2">
        <Button
          size="sm"
          disabled={disabled || pending}
          onClick={() => run(() => approve({ requestId, comment }), { success: t("approved") })}
        >
          {t("approve")}
        </Button>
        <Button
          size="sm"
          variant="destructive"
          disabled={disabled || pending}
          onClick={() => run(() => deny({ requestId, comment }), { success: t("denied") })}
        >
          {t("deny")}
        </Button>
      </div>
      <FieldError>{error}</FieldError>
    </div>
  );
}
