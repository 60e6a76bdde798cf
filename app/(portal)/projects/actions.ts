"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { validatedAction } from "@/lib/actions/validated-action";
import { message } from "@/lib/i18n/message";
import { memberInput, projectRoleSchema } from "@/lib/projects/project-inputs";
import { addMember, changeMemberRole, removeMember } from "@/lib/projects/project-members";

// Who may manage a project's members is lib/projects' to say: someone outside the project learns nothing
// of it (404), a member who is not an owner is refused (403), an admin may.

const projectId = z.uuid(message("projects.errors.pickProject"));
const userId = z.string().min(1, message("projects.errors.pickMember"));

function revalidateProject(id: string) {
  revalidatePath(`/projects/${id}`);
  revalidatePath(`/admin/projects/${id}`);
}

export const addProjectMemberAction = validatedAction(
  { name: "project.member.add", permission: "portal:use", input: memberInput.extend({ projectId }) },
  async ({ projectId, ...input }, { user, actor }) => {
    const member = await addMember(user, projectId, input, actor);
    revalidateProject(projectId);
    return { userId: member.userId, role: member.role };
  },
);

export const setProjectMemberRoleAction = validatedAction(
  {
    name: "project.member.role",
    permission: "portal:use",
    input: z.object({ projectId, userId, role: projectRoleSchema }),
  },
  async ({ projectId, userId, role }, { user, actor }) => {
    await changeMemberRole(user, projectId, userId, { role }, actor);
    revalidateProject(projectId);
    return { userId, role };
  },
);

export const removeProjectMemberAction = validatedAction(
  { name: "project.member.remove", permission: "portal:use", input: z.object({ projectId, userId }) },
  async ({ projectId, userId }, { user, actor }) => {
    await removeMember(user, projectId, userId, actor);
    revalidateProject(projectId);
    return { userId };
  },
);
