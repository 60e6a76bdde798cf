import "server-only";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { getPowerSchedule, listSchedulesOverVm } from "@/db/queries/power-schedules";
import { getProjectById } from "@/db/queries/projects";
import { cohorts, type PowerSchedule } from "@/db/schema";
import { allows, type Person, type VmAccess, vmAccess } from "@/lib/authz/vm-access";
import { notFound } from "@/lib/errors";
import { message } from "@/lib/i18n/message";
import { projectSeenBy } from "@/lib/projects/project-access";
import { inClass, nextChange, type ScheduleEdge } from "./class-times";
import { maySchedule, mayScheduleVm } from "./manage-schedules";

/** Where a VM's power times come from: the nearest of its own, its class's and its project's. */
export type ScheduleSource = "vm" | "cohort" | "project";

export interface ScheduleState {
  schedule: PowerSchedule;
  /** Whether it is within one of the schedule's times now. */
  on: boolean;
  /** The next edge that changes that, within a week. */
  next: ScheduleEdge | null;
}

export interface VmScheduleView {
  /** The schedule that powers the VM now, and whose it is: `source` "vm" for its own. */
  governing: (ScheduleState & { source: ScheduleSource; name: string }) | null;
  /** Whether the person may set or remove the VM's own schedule. */
  mayChange: boolean;
}

const stateOf = (schedule: PowerSchedule, now: Date): ScheduleState => ({
  schedule,
  on: inClass(schedule, now),
  next: nextChange(schedule, now),
});

async function nameOf(schedule: PowerSchedule, vmName: string): Promise<string> {
  if (schedule.cohortId) {
    const [cohort] = await getDb()
      .select({ name: cohorts.name })
      .from(cohorts)
      .where(eq(cohorts.id, schedule.cohortId));
    return cohort?.name ?? "";
  }
  if (schedule.projectId) return (await getProjectById({ id: schedule.projectId }))?.name ?? "";
  return vmName;
}

/** A VM's power schedule as anyone who sees the VM may read it; not found for those who do not. */
export async function vmScheduleView(
  person: Person,
  vmId: string,
  now = new Date(),
): Promise<VmScheduleView> {
  const access = await vmAccess(person, vmId);
  if (!access || !allows(access, "view") || access.vm.state === "deleted")
    throw notFound(message("errors.schedules.noSuchVm"));
  return vmScheduleViewOf(access, now);
}

/** The same, from the access a page has already read and checked. */
export async function vmScheduleViewOf(access: VmAccess, now = new Date()): Promise<VmScheduleView> {
  const { vm } = access;
  const [nearest] = await listSchedulesOverVm({ vm });
  const source: ScheduleSource | null = nearest
    ? nearest.vmId
      ? "vm"
      : nearest.cohortId
        ? "cohort"
        : "project"
    : null;
  return {
    governing:
      nearest && source ? { ...stateOf(nearest, now), source, name: await nameOf(nearest, vm.name) } : null,
    mayChange: mayScheduleVm(access),
  };
}

export interface ProjectScheduleView {
  own: ScheduleState | null;
  /** Whether the person may set or remove it: the project's owners and admins, while it is not archived. */
  mayChange: boolean;
}

/** A project's power schedule as its members (and admins, auditors) may read it. */
export async function projectScheduleView(
  person: Person,
  projectId: string,
  now = new Date(),
): Promise<ProjectScheduleView> {
  const seen = await projectSeenBy(person, projectId);
  if (!seen) throw notFound(message("errors.projects.noSuchProject"));
  const schedule = await getPowerSchedule({ target: { projectId } });
  return {
    own: schedule ? stateOf(schedule, now) : null,
    mayChange: !seen.project.archivedAt && (await maySchedule(person, { projectId })),
  };
}
