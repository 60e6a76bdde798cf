export type ActionResult<T = undefined> =
  | { ok: true; data: T }
  | {
      ok: false;
      error: string;
      status: 400 | 403 | 404 | 409 | 429 | 500;
      fieldErrors?: Record<string, string[]>;
      /** With 429: when the same request will be accepted again. */
      retryAfterSeconds?: number;
    };

/** A failed action's message with its field errors after it, for a form's one error line; null on success. */
export function actionErrorText(result: ActionResult<unknown>): string | null {
  if (result.ok) return null;
  const details = result.fieldErrors ? Object.values(result.fieldErrors).flat() : [];
  return [result.error, ...details].join(" ");
}
