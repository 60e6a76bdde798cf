"use client";

import { useState, useTransition } from "react";
import { QuotaFields } from "@/components/quota-fields";
import { Button } from "@/components/ui/button";
import type { Quota } from "@/lib/quotas/quota";
import { clearUserQuotaAction, setUserQuotaAction } from "../actions";

export function QuotaOverrideForm({
  userId,
  initial,
  hasOverride,
  canChange,
}: {
  userId: string;
  initial: Quota;
  hasOverride: boolean;
  canChange: boolean;
}) {
  const [quota, setQuota] = useState(initial);
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  return (
    <form
      className="grid gap-3"
      onSubmit={(event) => {
        event.preventDefault();
        start(async () => {
          const result = await setUserQuotaAction({ userId, quota });
          setMessage(
            result.ok ? { error: false, text: "Override saved." } : { error: true, text: result.error },
          );
        });
      }}
    >
      <QuotaFields idPrefix="override" value={quota} onChange={setQuota} />
      {message && (
        <p
          role={message.error ? "alert" : undefined}
          className={message.error ? "text-sm text-destructive" : "text-sm"}
        >
          {message.text}
        </p>
      )}
      <div className="flex gap-2">
        <Button type="submit" disabled={!canChange || pending}>
          Save override
        </Button>
        {hasOverride && (
          <Button
            type="button"
            variant="outline"
            disabled={!canChange || pending}
            onClick={() =>
              start(async () => {
                const result = await clearUserQuotaAction({ userId });
                setMessage(
                  result.ok
                    ? { error: false, text: "Override removed; groups decide again." }
                    : { error: true, text: result.error },
                );
              })
            }
          >
            Remove override
          </Button>
        )}
      </div>
    </form>
  );
}
