import "server-only";
import { findProjectByName, insertProject } from "@/db/queries/projects";
import { quotaColumnsFrom } from "@/db/queries/quotas";
import type { Project } from "@/db/schema";
import { recordAuditEvent, systemActor } from "@/lib/audit/record-audit-event";

export const DEMO_PROJECT = { name: "Robotics lab", slug: "robotics-lab", idpGroup: "lab-robotics" };

/**
 * Demo mode starts with one team: the "Robotics lab", bound to the demo provider's `lab-robotics` group
 * (alice and bob), so that their first sign-in makes them its operators. Null when it exists already.
 */
export async function seedDemoProject(): Promise<Project | null> {
  if (await findProjectByName({ name: DEMO_PROJECT.name })) return null;
  const project = await insertProject({
    ...DEMO_PROJECT,
    description: "The demo's team: its members come from the lab-robotics group.",
    groupRole: "operator",
    ...quotaColumnsFrom({ vms: 4, cores: 8, memoryMb: 16384, diskGb: 200, snapshots: 8 }),
  });
  await recordAuditEvent({
    actor: systemActor,
    action: "project.create",
    target: { type: "project", id: project.id },
    result: "success",
    detail: { name: project.name, slug: project.slug, idpGroup: project.idpGroup, demo: true },
  });
  return project;
}
