import { z } from "zod";
import { roleEnum, type User } from "@/db/schema";

/** A person who has signed in, as the admins' users page lists them. */
export const userResource = z
  .object({
    id: z.string(),
    name: z.string().nullable(),
    username: z.string().nullable(),
    email: z.string().nullable(),
    role: z.enum(roleEnum.enumValues),
    groups: z
      .array(z.string())
      .meta({ description: "The groups the identity provider sent at the last sign-in." }),
    disabled: z.boolean(),
    createdAt: z.iso.datetime(),
    lastLoginAt: z.iso.datetime().nullable(),
  })
  .meta({ id: "User" });

export function userResourceOf(user: User): z.infer<typeof userResource> {
  return {
    id: user.id,
    name: user.name,
    username: user.username,
    email: user.email,
    role: user.role,
    groups: user.groups,
    disabled: user.disabled,
    createdAt: user.createdAt.toISOString(),
    lastLoginAt: user.lastLoginAt?.toISOString() ?? null,
  };
}
