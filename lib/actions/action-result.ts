export type ActionResult<T = undefined> =
  | { ok: true; data: T }
  | { ok: false; error: string; status: 400 | 403 | 404 | 409 | 500; fieldErrors?: Record<string, string[]> };
