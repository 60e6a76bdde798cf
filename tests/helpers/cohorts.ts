import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { insertTemplates, listEnabledTemplates } from "@/db/queries/templates";
import { type Template, vms } from "@/db/schema";
import { createCohort } from "@/lib/cohorts/create-cohort";
import { allJobs } from "@/lib/jobs/definitions";
import { createEmbeddedRunner } from "@/lib/jobs/embedded-runner";
import type { SimVm } from "@/pve-sim/state/model";
import { createUserWithSession } from "./session";

/** The simulator's 3 GiB Debian template as a class would use it: linked clones. */
export async function approveLinkedTemplate(clusterId = "sim"): Promise<Template> {
  await insertTemplates([
    {
      clusterId,
      node: "pve1",
      vmid: 9000,
      label: "Debian 13 (linked)",
      os: "Linux",
      defaultUser: "debian",
      minDiskGb: 3,
      cloneMode: "linked",
    },
  ]);
  return (await listEnabledTemplates()).find((template) => template.cloneMode === "linked")!;
}

export async function createStudents(prefix: string, count: number) {
  return Promise.all(
    Array.from({ length: count }, (_, index) => createUserWithSession(`${prefix}${index + 1}`, "member")),
  );
}

/** What the class left on Proxmox and in the portal: its VMs on the simulator, and its records. */
export async function classFootprint(simVms: SimVm[], slug: string, cohortId: string) {
  const onProxmox = simVms.filter((vm) => vm.config.name?.startsWith(`${slug}-`));
  const records = await getDb().select().from(vms).where(eq(vms.cohortId, cohortId));
  return { onProxmox, records };
}

/** A class of these usernames from the template, 1 core, 1 GiB, 8 GiB, a term of 30 days, made by an admin. */
export function createClassOf(
  teacher: { id: string },
  template: Template,
  { name, slug, usernames }: { name: string; slug: string; usernames: string[] },
) {
  return createCohort(
    { id: teacher.id, role: "admin" },
    {
      name,
      slug,
      templateId: template.id,
      cores: 1,
      memoryMb: 1024,
      diskGb: 8,
      roster: `username\n${usernames.join("\n")}\n`,
      endsAt: new Date(Date.now() + 30 * 86_400_000),
    },
    { id: teacher.id, label: "Teacher" },
  );
}

/** Runs the queued jobs (a class's batch among them) to the end, as the portal's own runner does. */
export const runClassBatches = () =>
  createEmbeddedRunner({ jobs: allJobs, pollIntervalMs: 50 }).runUntilIdle();

/** The portal's record of a VM, whatever its state. */
export const vmRecord = async (id: string) => (await getDb().select().from(vms).where(eq(vms.id, id)))[0]!;
