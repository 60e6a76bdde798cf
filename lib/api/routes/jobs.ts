import { defineApiRoute } from "../define-route";
import { jobIdParams, jobResource } from "../resources/job";
import { getJobForPerson } from "../vm-jobs";

export const getJob = defineApiRoute({
  method: "GET",
  path: "/jobs/{jobId}",
  operationId: "getJob",
  summary: "Follow a long operation",
  description: "Poll until `state` is `succeeded` or `failed`; a failed job says why in `error`.",
  tags: ["Jobs"],
  scope: "read",
  params: jobIdParams,
  responses: {
    200: { description: "The job now.", schema: jobResource },
    404: { description: "You have no job with this id." },
  },
  async handler({ params, person }) {
    return { status: 200, body: await getJobForPerson(params.jobId, person) };
  },
});
