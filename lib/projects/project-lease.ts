import "server-only";
import type { Executor } from "@/db/client";
import { getProjectById } from "@/db/queries/projects";
import type { Project } from "@/db/schema";
import { invalid } from "@/lib/errors";
import { message } from "@/lib/i18n/message";
import type { SettingValue } from "@/lib/settings/registry";
import { getSetting } from "@/lib/settings/settings";

type PortalPolicy = SettingValue<"lease.policy">;

/**
 * A project's lease lengths inside the portal's: its own where set, never beyond the portal's (which an
 * admin may lower after the project's were chosen). Everything else of the policy is the portal's.
 */
export function projectLeasePolicy(
  portal: PortalPolicy,
  project: Pick<Project, "leaseLengthDays" | "leaseMaxDays"> | null,
): PortalPolicy {
  if (!project) return portal;
  const maxDays = Math.min(project.leaseMaxDays ?? portal.maxDays, portal.maxDays);
  const lengthDays = Math.min(project.leaseLengthDays ?? portal.lengthDays, portal.lengthDays, maxDays);
  return { ...portal, lengthDays, maxDays };
}

/** The lease policy a VM follows: its project's, or the portal's for a personal VM. */
export async function leasePolicyFor(vm: { projectId: string | null }, db?: Executor): Promise<PortalPolicy> {
  const portal = await getSetting("lease.policy", db);
  const project = vm.projectId ? await getProjectById({ id: vm.projectId }, db) : null;
  return projectLeasePolicy(portal, project);
}

/** Refuses project lease lengths beyond the portal's, at the field at fault. */
export async function checkProjectLease(values: {
  leaseLengthDays: number | null;
  leaseMaxDays: number | null;
}): Promise<void> {
  const portal = await getSetting("lease.policy");
  if (values.leaseLengthDays !== null && values.leaseLengthDays > portal.lengthDays)
    throw invalid(
      message("errors.projects.leaseTooLong", { lengthDays: portal.lengthDays }),
      "leaseLengthDays",
    );
  if (values.leaseMaxDays !== null && values.leaseMaxDays > portal.maxDays)
    throw invalid(message("errors.projects.renewalTooLong", { maxDays: portal.maxDays }), "leaseMaxDays");
}
