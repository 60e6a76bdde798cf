import "server-only";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { listSchedulesOverVm } from "@/db/queries/power-schedules";
import { cohorts, type Vm } from "@/db/schema";
import type { Person } from "@/lib/authz/vm-access";
import { vmAccess } from "@/lib/authz/vm-access";
import { conflict } from "@/lib/errors";
import { inClass, nextClassStart } from "./class-times";

const dayAndTime = (at: Date, timeZone: string) =>
  new Intl.DateTimeFormat("en-GB", {
    timeZone,
    weekday: "long",
    day: "numeric",
    month: "long",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(at);

/** Whether the person runs the class rather than sits in it: an admin, its project's owner, its teacher. */
async function runsTheClass(person: Person, vm: Vm): Promise<boolean> {
  const access = await vmAccess(person, vm.id);
  if (access?.relations.some((relation) => relation === "admin" || relation === "project-owner")) return true;
  if (!vm.cohortId) return false;
  const [cohort] = await getDb()
    .select({ teacherId: cohorts.teacherId })
    .from(cohorts)
    .where(eq(cohorts.id, vm.cohortId));
  return cohort?.teacherId === person.id;
}

/**
 * Refuses a member's start outside class when the VM's schedule (its own, its cohort's or its project's,
 * the nearest) does not allow it. Those who run the class may always start it.
 */
export async function assertStartAllowed(person: Person, vm: Vm, now = new Date()): Promise<void> {
  const [schedule] = await listSchedulesOverVm({ vm });
  if (!schedule || schedule.allowOutside || inClass(schedule, now)) return;
  if (await runsTheClass(person, vm)) return;
  const next = nextClassStart(schedule, now);
  throw conflict(
    next
      ? `This VM may only be started during class. The next class begins ${dayAndTime(next, schedule.timeZone)} (${schedule.timeZone}).`
      : "This VM may only be started during class, and its schedule has no class ahead.",
  );
}
