export const DAY = 24 * 60 * 60 * 1000;

export interface LeaseLengths {
  lengthDays: number;
  maxDays: number;
}

/** A new VM's lease: one lease length from now. */
export function initialLeaseEnd(policy: LeaseLengths, now = new Date()): Date {
  return new Date(now.getTime() + policy.lengthDays * DAY);
}

/** A renewal: one lease length from now, never past the furthest a renewal may reach, never shorter than today's. */
export function renewedLeaseEnd(current: Date | null, policy: LeaseLengths, now = new Date()): Date {
  const wanted = Math.min(now.getTime() + policy.lengthDays * DAY, now.getTime() + policy.maxDays * DAY);
  return new Date(Math.max(wanted, current?.getTime() ?? 0));
}

export function daysLeft(end: Date, now = new Date()): number {
  // "+ 0" turns the -0 of a lease that ended moments ago into 0.
  return Math.ceil((end.getTime() - now.getTime()) / DAY) + 0;
}

/** When a stopped VM whose lease ended is deleted with its disks: the grace period after the lease's end. */
export function deleteDate(expiresAt: Date, policy: { graceDays: number }): Date {
  return new Date(expiresAt.getTime() + policy.graceDays * DAY);
}
