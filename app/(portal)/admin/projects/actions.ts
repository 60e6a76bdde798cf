"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getProjectById, listProjectVms } from "@/db/queries/projects";
import { validatedAction } from "@/lib/actions/validated-action";
import { conflict, invalid, notFound } from "@/lib/errors";
import { message } from "@/lib/i18n/message";
import { archiveProject, createProject, updateProject } from "@/lib/projects/manage-projects";
import { projectInput } from "@/lib/projects/project-inputs";

const projectId = z.uuid(message("adminProjects.errors.pickProject"));

function revalidateProject(id: string) {
  revalidatePath("/admin/projects");
  revalidatePath(`/admin/projects/${id}`);
  revalidatePath(`/projects/${id}`);
}

export const createProjectAction = validatedAction(
  { name: "project.create", permission: "admin:write", input: projectInput },
  async (input, { user, actor }) => {
    const project = await createProject(user, input, actor);
    revalidatePath("/admin/projects");
    return { id: project.id };
  },
);

export const updateProjectAction = validatedAction(
  { name: "project.update", permission: "admin:write", input: projectInput.and(z.object({ projectId })) },
  async ({ projectId, ...input }, { user, actor }) => {
    await updateProject(user, projectId, input, actor);
    revalidateProject(projectId);
    return { id: projectId };
  },
);

const archiveInput = z.object({
  projectId,
  confirmName: z.string().trim().min(1, message("adminProjects.errors.confirmRequired")),
});

export const archiveProjectAction = validatedAction(
  { name: "project.archive", permission: "admin:write", input: archiveInput },
  async ({ projectId, confirmName }, { user, actor }) => {
    const project = await getProjectById({ id: projectId });
    if (!project) throw notFound(message("adminProjects.errors.noSuchProject"));
    if (confirmName !== project.name)
      throw invalid(message("adminProjects.errors.typeExactly", { name: project.name }), "confirmName");
    // Archived projects take no new VMs but keep their VMs counted and running; archive only empty ones,
    // so that no VM is left in a project nobody manages any more.
    const live = await listProjectVms({ projectId });
    if (live.length > 0)
      throw conflict(
        message("adminProjects.errors.stillHasVms", {
          name: project.name,
          count: live.length,
          vms: live.map((vm) => vm.name).join(", "),
        }),
      );
    await archiveProject(user, projectId, actor);
    revalidateProject(projectId);
    return { id: projectId };
  },
);

export const restoreProjectAction = validatedAction(
  { name: "project.unarchive", permission: "admin:write", input: z.object({ projectId }) },
  async ({ projectId }, { user, actor }) => {
    await archiveProject(user, projectId, actor, false);
    revalidateProject(projectId);
    return { id: projectId };
  },
);
