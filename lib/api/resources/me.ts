import { z } from "zod";
import { roleEnum } from "@/db/schema";
import { apiScopes } from "@/lib/api-tokens/scopes";

/** Who a token speaks for, and what it may do until when. */
export const meResource = z
  .object({
    user: z.object({
      id: z.string(),
      name: z.string().nullable(),
      username: z.string().nullable(),
      email: z.string().nullable(),
      role: z.enum(roleEnum.enumValues),
    }),
    token: z.object({
      id: z.uuid(),
      name: z.string(),
      prefix: z.string().meta({ description: "The token's first characters, as the profile page lists it." }),
      scopes: z.array(z.enum(apiScopes)).meta({
        description: "The scopes this token holds that its owner's role still allows; checked on every call.",
      }),
      createdAt: z.iso.datetime(),
      expiresAt: z.iso.datetime().nullable().meta({ description: "Null: the token does not expire." }),
    }),
  })
  .meta({ id: "Me" });
