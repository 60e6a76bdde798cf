import { getApiToken } from "@/db/queries/api-tokens";
import { unauthenticated } from "@/lib/errors";
import { message } from "@/lib/i18n/message";
import { defineApiRoute } from "../define-route";
import { meResource } from "../resources/me";

export const getMe = defineApiRoute({
  method: "GET",
  path: "/me",
  operationId: "getMe",
  summary: "Who this token belongs to",
  description: "The token's owner, and the token's own scopes and expiry.",
  tags: ["Me"],
  scope: "read",
  responses: { 200: { description: "The token's owner and the token.", schema: meResource } },
  async handler({ caller }) {
    const token = await getApiToken({ userId: caller.user.id, id: caller.tokenId });
    // Authentication just found it; gone now means it was deleted with its owner in between.
    if (!token) throw unauthenticated(message("errors.apiTokens.unknownToken"));
    const { id, name, username, email, role } = caller.user;
    return {
      status: 200,
      body: {
        user: { id, name, username, email, role },
        token: {
          id: token.id,
          name: token.name,
          prefix: token.prefix,
          scopes: caller.scopes,
          createdAt: token.createdAt.toISOString(),
          expiresAt: token.expiresAt?.toISOString() ?? null,
        },
      },
    };
  },
});
