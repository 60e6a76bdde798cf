import { z } from "zod";
import { listedNameOf, listUsers } from "@/db/queries/users";
import { requireRolePermission } from "../admin-role";
import { textCursorFrom } from "../cursor-keys";
import { defineApiRoute } from "../define-route";
import { pageFrom, pageQuerySchema, pageSchema } from "../pagination";
import { userResource, userResourceOf } from "../resources/user";

const adminUsersQuery = pageQuerySchema.extend({
  q: z
    .string()
    .trim()
    .max(200, "Keep the search under 200 characters.")
    .optional()
    .transform((value) => value || undefined)
    .meta({ description: "Part of a name, username or e-mail, any case." }),
});

export const listAdminUsers = defineApiRoute({
  method: "GET",
  path: "/admin/users",
  operationId: "listAdminUsers",
  summary: "List everyone who has signed in (admins and auditors)",
  description: "By name (else e-mail), as Admin → Users.",
  tags: ["Admin"],
  scope: "admin:read",
  query: adminUsersQuery,
  responses: { 200: { description: "A page of people.", schema: pageSchema(userResource) } },
  async handler({ query, caller }) {
    requireRolePermission(caller, "admin:read");
    const people = await listUsers({
      search: query.q,
      after: textCursorFrom(query.cursor, z.string().min(1).max(200)),
      limit: query.limit + 1,
    });
    return {
      status: 200,
      body: pageFrom(people, query.limit, (person) => [listedNameOf(person), person.id], userResourceOf),
    };
  },
});
