import { z } from "zod";

export const jobKinds = ["vm.provision", "vm.power", "vm.resize", "vm.snapshot", "vm.delete"] as const;
export type JobKind = (typeof jobKinds)[number];

export const jobIdParams = z.object({
  jobId: z
    .string()
    .regex(/^(provision-[0-9a-f-]{36}|op-\d{1,18})$/, "That is not a job id this API gave out.")
    .meta({ description: "The `id` of a job a long operation answered with." }),
});

/** A long operation to poll until `state` is succeeded or failed. */
export const jobResource = z
  .object({
    id: z.string(),
    kind: z.enum(jobKinds),
    state: z.enum(["queued", "running", "succeeded", "failed"]),
    vmId: z.uuid().optional(),
    message: z.string().nullable().meta({ description: "What the job is doing, or did, in words." }),
    progress: z.number().int().nullable().meta({ description: "Percent done, where known." }),
    error: z.string().optional().meta({ description: "Why the job failed." }),
    createdAt: z.iso.datetime(),
    links: z.object({ self: z.string(), vm: z.string().optional() }),
  })
  .meta({ id: "Job" });

export type JobResource = z.infer<typeof jobResource>;

export const jobLinks = (id: string, vmId?: string) => ({
  self: `/api/v1/jobs/${id}`,
  ...(vmId ? { vm: `/api/v1/vms/${vmId}` } : {}),
});
