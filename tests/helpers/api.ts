import { GET, DELETE as httpDelete, PATCH, POST, PUT } from "@/app/api/v1/[...path]/route";
import { getDb } from "@/db/client";
import { apiTokens } from "@/db/schema";
import type { ApiScope } from "@/lib/api-tokens/scopes";
import { generateTokenSecret } from "@/lib/api-tokens/token-secret";
import { CLIENT_ADDRESS_HEADER, REQUEST_ID_HEADER } from "@/lib/http/request-identity";

/** Stores a token with exactly these scopes (the profile page offers one of each kind), giving back the secret. */
export async function createTestApiToken(
  userId: string,
  scopes: ApiScope[],
  options: { expiresAt?: Date | null; revokedAt?: Date | null; name?: string } = {},
): Promise<{ token: string; id: string }> {
  const { token, prefix, secretHash } = generateTokenSecret();
  const [row] = await getDb()
    .insert(apiTokens)
    .values({
      userId,
      name: options.name ?? `test ${scopes.join(" ")}`,
      scopes,
      prefix,
      secretHash,
      expiresAt: options.expiresAt ?? null,
      revokedAt: options.revokedAt ?? null,
    })
    .returning({ id: apiTokens.id });
  return { token, id: row!.id };
}

const handlers = { GET, POST, PUT, PATCH, DELETE: httpDelete } as const;

export interface ApiCallOptions {
  body?: unknown;
  headers?: Record<string, string>;
}

/**
 * Calls /api/v1 through its route handler, as the proxy hands a request on (request id and client
 * address stamped). `token` null sends no Authorization header.
 */
export async function callApi(
  token: string | null,
  method: keyof typeof handlers,
  path: string,
  { body, headers = {} }: ApiCallOptions = {},
): Promise<Response> {
  const request = new Request(`http://127.0.0.1/api/v1${path}`, {
    method,
    headers: {
      [REQUEST_ID_HEADER]: "test-request",
      [CLIENT_ADDRESS_HEADER]: "198.51.100.7",
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { "content-type": "application/json" }),
      ...headers,
    },
    ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }),
  });
  return handlers[method](request);
}

/** The call's status and JSON body (problem details for refusals). */
export async function callApiJson<T = Record<string, unknown>>(
  token: string | null,
  method: keyof typeof handlers,
  path: string,
  options?: ApiCallOptions,
): Promise<{ status: number; body: T; headers: Headers }> {
  const response = await callApi(token, method, path, options);
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T, headers: response.headers };
}
