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
  /**
   * A storage whose allocations are slow (a busy thin pool, a slow NFS server): each volume a clone makes
   * on it holds the storage's lock this many milliseconds (with the given probability), so clones queued
   * behind it run out of their 10 s wait and fail as PVE's do ("can't lock file … - got timeout").
   */
  slowStorage: z
    .array(
      z.object({
        storage: z.string(),
        holdMs: z.number().int().min(0).max(600_000),
        rate: z.number().min(0).max(1).default(1),
      }),
    )
    .default([]),
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

/** How much longer than usual this allocation on `storage` holds its lock, in milliseconds. */
export function slowStorageHoldMs(faults: Faults, storage: string): number {
  const fault = faults.slowStorage.find((candidate) => candidate.storage === storage);
  return fault && Math.random() < fault.rate ? fault.holdMs : 0;
}
