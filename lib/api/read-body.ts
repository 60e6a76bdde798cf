import { invalid } from "@/lib/errors";
import { message } from "@/lib/i18n/message";
import { ProblemError, problemOf } from "./problem";

/** The most a request body may hold, as for server actions. */
export const API_BODY_LIMIT = 1024 * 1024;

/** The request's JSON body; a missing, oversized or malformed one is the caller's 4xx with a reason. */
export async function readJsonBody(request: Request): Promise<unknown> {
  const type = request.headers.get("content-type");
  if (type && !/^application\/([\w.+-]*\+)?json\b/i.test(type))
    throw invalid(message("errors.api.bodyContentType", { type: type.split(";")[0]! }));
  const declared = Number(request.headers.get("content-length") ?? 0);
  const text = declared > API_BODY_LIMIT ? null : await request.text();
  if (text === null || Buffer.byteLength(text) > API_BODY_LIMIT)
    throw new ProblemError(problemOf("too-large", "The request body is larger than 1 MB; send less."));
  if (text.trim() === "") throw invalid(message("errors.api.bodyMissing"));
  try {
    return JSON.parse(text);
  } catch {
    throw invalid(message("errors.api.bodyNotJson"));
  }
}
