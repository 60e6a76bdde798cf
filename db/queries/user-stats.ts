import "server-only";
import { count, sql } from "drizzle-orm";
import { getDb } from "../client";
import { type Role, users } from "../schema";

export interface UserStats {
  byRole: Record<Role, number>;
  disabled: number;
}

export async function getUserStats(): Promise<UserStats> {
  const rows = await getDb()
    .select({
      role: users.role,
      total: count(),
      disabled: sql<number>`count(*) filter (where ${users.disabled})`,
    })
    .from(users)
    .groupBy(users.role);
  const byRole: Record<Role, number> = { member: 0, auditor: 0, admin: 0 };
  let disabled = 0;
  for (const row of rows) {
    byRole[row.role] = Number(row.total);
    disabled += Number(row.disabled);
  }
  return { byRole, disabled };
}
