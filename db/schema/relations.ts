import { relations } from "drizzle-orm";
import { sessions } from "./auth";
import { clusters } from "./clusters";
import { users } from "./people";
import { vms } from "./vms";

export const usersRelations = relations(users, ({ many }) => ({ vms: many(vms), sessions: many(sessions) }));
export const vmsRelations = relations(vms, ({ one }) => ({
  owner: one(users, { fields: [vms.ownerId], references: [users.id] }),
  cluster: one(clusters, { fields: [vms.clusterId], references: [clusters.id] }),
}));
