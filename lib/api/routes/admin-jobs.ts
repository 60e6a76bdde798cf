import { z } from "zod";
import { listJobs } from "@/db/queries/jobs";
import { jobStateEnum } from "@/db/schema";
import { requireRolePermission } from "../admin-role";
import { timeCursorFrom } from "../cursor-keys";
import { defineApiRoute } from "../define-route";
import { pageFrom, pageQuerySchema, pageSchema } from "../pagination";
import { backgroundJobResource, backgroundJobResourceOf } from "../resources/background-job";

const adminJobsQuery = pageQuerySchema.extend({
  state: z
    .enum(jobStateEnum.enumValues, { error: `Pick a state: ${jobStateEnum.enumValues.join(", ")}.` })
    .optional()
    .meta({ description: "Only jobs in this state." }),
});

export const listBackgroundJobs = defineApiRoute({
  method: "GET",
  path: "/admin/jobs",
  operationId: "listBackgroundJobs",
  summary: "List the portal's background jobs (admins and auditors)",
  description:
    "Runs of the embedded job runner, newest first, as Admin → Jobs: provisioning, lease sweeps, reconciliation, mail. With Inngest configured, its dashboard has the runs instead.",
  tags: ["Admin"],
  scope: "admin:read",
  query: adminJobsQuery,
  responses: { 200: { description: "A page of jobs.", schema: pageSchema(backgroundJobResource) } },
  async handler({ query, caller }) {
    requireRolePermission(caller, "admin:read");
    const jobs = await listJobs({
      state: query.state,
      after: timeCursorFrom(query.cursor),
      limit: query.limit + 1,
    });
    return {
      status: 200,
      body: pageFrom(
        jobs,
        query.limit,
        (job) => [job.createdAt.toISOString(), job.id],
        backgroundJobResourceOf,
      ),
    };
  },
});
