import { z } from "zod";
import { message } from "@/lib/i18n/message";
import { displayText } from "@/lib/text/display-text";

export const TOKEN_NAME_MAX = 60;

export const memberTokenScopes = ["read", "operate", "manage"] as const;
export const adminTokenScopes = ["admin:read", "admin:write"] as const;

/** What a person asks for when making a token; the server checks the role and the lifetime cap. */
export const tokenInputSchema = z.object({
  name: displayText(
    z
      .string()
      .trim()
      .min(1, message("validation.apiTokens.nameTokenInstance"))
      .max(TOKEN_NAME_MAX, `Keep the name to ${TOKEN_NAME_MAX} characters or fewer.`),
  ),
  scope: z.enum(memberTokenScopes, { error: message("validation.apiTokens.pickWhatToken") }),
  adminScope: z.enum(adminTokenScopes, { error: message("validation.apiTokens.adminScopesAre") }).optional(),
  expiresInDays: z
    .number({ error: message("validation.apiTokens.giveTokenLifetime") })
    .int(message("validation.apiTokens.lifetimeWholeNumber"))
    .min(1, message("validation.apiTokens.tokenLivesLeast"))
    .optional(),
});

export type TokenInput = z.output<typeof tokenInputSchema>;
