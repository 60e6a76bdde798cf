import { z } from "zod";

export const faultsSchema = z.object({
  /** Extra milliseconds before answering requests whose path matches. */
  latency: z.array(z.object({ path: z.string(), ms: z.number().int().min(0).max(120_000) })).default([]),
  /** Answer with this HTTP status for matching requests, each time or with the given probability. */
  errors: z
    .array(
      z.object({
        path: z.string(),
        method: z.string().optional(),
        status: z.number().int().min(400).max(599),
        message: z.string().optional(),
        rate: z.number().min(0).max(1).default(1),
      }),
    )
    .default([]),
  /** Tasks of these types end with this error text as their exit status. */
  failTasks: z.array(z.object({ type: z.string(), message: z.string() })).default([]),
  /** Tasks of these types never end. */
  hangTasks: z.array(z.string()).default([]),
  offlineNodes: z.array(z.string()).default([]),
});

export type Faults = z.infer<typeof faultsSchema>;

export function noFaults(): Faults {
  return faultsSchema.parse({});
}

export function matchingError(faults: Faults, method: string, path: string) {
  return faults.errors.find(
    (fault) =>
      new RegExp(fault.path).test(path) &&
      (!fault.method || fault.method === method) &&
      Math.random() < fault.rate,
  );
}

export function latencyFor(faults: Faults, path: string): number {
  return faults.latency
    .filter((fault) => new RegExp(fault.path).test(path))
    .reduce((total, fault) => total + fault.ms, 0);
}
