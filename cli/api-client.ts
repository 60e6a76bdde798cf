import { randomUUID } from "node:crypto";
import createClient from "openapi-fetch";
import type { paths } from "./api-types";
import { CliError, problemLine } from "./cli-error";
import type { RoostConfig } from "./config";

export type RoostClient = ReturnType<typeof createClient<paths>>;

const MAX_RETRIES = 3;
const MAX_RETRY_WAIT_S = 30;

/**
 * fetch as the CLI sends it: an Idempotency-Key on every write, so a retry never does the work twice,
 * and a few retries when the portal says to wait (429, 503 with Retry-After).
 */
function retryingFetch(portal: string) {
  return async (request: Request): Promise<Response> => {
    if (request.method !== "GET" && !request.headers.has("idempotency-key"))
      request.headers.set("idempotency-key", randomUUID());
    for (let attempt = 0; ; attempt++) {
      let response: Response;
      try {
        response = await fetch(request.clone());
      } catch (error) {
        const cause = (error as { cause?: { code?: string; message?: string } }).cause;
        throw new CliError(
          `Cannot reach the portal at ${portal}: ${cause?.code ?? cause?.message ?? (error as Error).message}`,
        );
      }
      const retryAfter = response.headers.get("retry-after");
      const wait = Number(retryAfter);
      const retriable = (response.status === 429 || response.status === 503) && retryAfter !== null;
      if (!retriable || attempt >= MAX_RETRIES || !Number.isFinite(wait) || wait > MAX_RETRY_WAIT_S)
        return response;
      await response.body?.cancel();
      await new Promise((resolve) => setTimeout(resolve, Math.max(wait, 1) * 1000));
    }
  };
}

export function createRoostClient(config: RoostConfig): RoostClient {
  return createClient<paths>({
    baseUrl: `${config.url}/api/v1`,
    headers: { authorization: `Bearer ${config.token}`, "user-agent": "roost-cli" },
    fetch: retryingFetch(config.url),
  });
}

/** The answer's body, or the portal's problem as a CliError. */
export async function answerOf<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  const { data, error, response } = await call;
  if (response.ok) return data as T;
  throw new CliError(problemLine(error, response));
}
