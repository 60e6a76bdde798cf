"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import type { FieldValues, Path, UseFormReturn } from "react-hook-form";
import { toast } from "sonner";
import type { ActionResult } from "@/lib/actions/action-result";

export interface RunOptions<T> {
  /** Toasted when the action succeeds; a function gets the action's data. */
  success?: string | ((data: T) => string);
  /** Re-render the page's server components after a success. */
  refresh?: boolean;
  onSuccess?: (data: T) => void;
}

/**
 * Runs server actions that return an ActionResult and reports pending, the error a person should see,
 * and success (a toast, a refresh, a callback). Given the react-hook-form form, it puts the server's field
 * errors at their fields; errors for names the form's values lack join the form-level error.
 */
export function useActionRunner<F extends FieldValues = FieldValues>({
  form,
  ...defaults
}: Omit<RunOptions<unknown>, "onSuccess"> & { form?: UseFormReturn<F, unknown, FieldValues> } = {}) {
  const router = useRouter();
  const t = useTranslations("actions");
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);

  function report<T>(result: ActionResult<T>, options: RunOptions<T>) {
    if (result.ok) {
      setError(null);
      const success = typeof options.success === "function" ? options.success(result.data) : options.success;
      if (success) toast.success(success);
      options.onSuccess?.(result.data);
      if (options.refresh) router.refresh();
      return;
    }
    const fields = form ? Object.keys(form.getValues()) : [];
    const placed: string[] = [];
    const unplaced: string[] = [];
    for (const [name, messages] of Object.entries(result.fieldErrors ?? {})) {
      if (form && fields.includes(name)) {
        form.setError(name as Path<F>, { type: "server", message: messages.join(" ") });
        placed.push(...messages);
      } else unplaced.push(...messages);
    }
    // A refusal about one field is said there, not a second time above the button.
    const summary = placed.includes(result.error) ? [] : [result.error];
    setError([...summary, ...unplaced].join(" ") || null);
  }

  /** Runs the action; options given here add to or override the hook's. */
  function run<T>(action: () => Promise<ActionResult<T>>, options: RunOptions<T> = {}) {
    return new Promise<ActionResult<T>>((resolve) =>
      startTransition(async () => {
        // A server action that throws is a lost connection or a deploy mid-request, not a domain failure.
        const result = await action().catch(
          (): ActionResult<T> => ({ ok: false, status: 500, error: t("unreachable") }),
        );
        report(result, { ...defaults, ...options });
        resolve(result);
      }),
    );
  }

  return { run, pending, error, clearError: () => setError(null) };
}
