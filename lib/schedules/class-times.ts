import { Cron } from "croner";
import type { ClassTimes } from "./schedule-input";

/** A moment the schedule turns its VMs on or off. */
export interface ScheduleEdge {
  at: Date;
  action: "start" | "stop";
}

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * One cron per slot edge, read in the schedule's zone. Croner does the calendar, DST included: a start in
 * the hour a spring change skips runs when the hour resumes, one in the hour an autumn change repeats runs
 * once, at its first occurrence.
 */
function edgeCrons({ timeZone, slots }: ClassTimes): { cron: Cron; action: ScheduleEdge["action"] }[] {
  return slots.flatMap((slot) =>
    (["start", "end"] as const).map((side) => {
      const [hour, minute] = slot[side].split(":").map(Number);
      // Cron's weekdays run 0-7 with both 0 and 7 Sunday, so 1 = Monday .. 7 = Sunday reads as written.
      const pattern = `${minute} ${hour} * * ${[...slot.days].sort().join(",")}`;
      return {
        cron: new Cron(pattern, { timezone: timeZone, mode: "5-part", domAndDow: false }),
        action: side === "start" ? ("start" as const) : ("stop" as const),
      };
    }),
  );
}

/**
 * The edges after `after` up to and including `until`, in time order. Where one class ends as the next
 * begins, the stop comes first, so the VMs stay on.
 */
export function scheduleEdges(times: ClassTimes, after: Date, until: Date): ScheduleEdge[] {
  const edges: ScheduleEdge[] = [];
  for (const { cron, action } of edgeCrons(times)) {
    let next = cron.nextRun(after);
    while (next && next <= until) {
      edges.push({ at: next, action });
      next = cron.nextRun(next);
    }
  }
  return edges.sort(
    (a, b) => a.at.getTime() - b.at.getTime() || (a.action === b.action ? 0 : a.action === "stop" ? -1 : 1),
  );
}

/** The latest edge at or before `at`, looking back a week: every slot has an edge within one. */
export function latestEdge(times: ClassTimes, at: Date): ScheduleEdge | null {
  return scheduleEdges(times, new Date(at.getTime() - WEEK_MS), at).at(-1) ?? null;
}

/** Whether `at` falls in one of the schedule's class times. */
export function inClass(times: ClassTimes, at: Date): boolean {
  return latestEdge(times, at)?.action === "start";
}

/** When class next begins after `at`, or null for a schedule that never starts. */
export function nextClassStart(times: ClassTimes, at: Date): Date | null {
  const starts = edgeCrons(times)
    .filter((edge) => edge.action === "start")
    .map((edge) => edge.cron.nextRun(at))
    .filter((next): next is Date => next !== null);
  return starts.length ? new Date(Math.min(...starts.map((next) => next.getTime()))) : null;
}

/** The next edge within a week that changes whether it is class time: a stop when in class, else a start. */
export function nextChange(times: ClassTimes, at: Date): ScheduleEdge | null {
  const want = inClass(times, at) ? "stop" : "start";
  return (
    scheduleEdges(times, at, new Date(at.getTime() + WEEK_MS)).find(
      (edge, index, edges) =>
        edge.action === want && !(want === "stop" && edges[index + 1]?.at.getTime() === edge.at.getTime()),
    ) ?? null
  );
}
