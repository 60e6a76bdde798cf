import { z } from "zod";
import { getProjectDetail, listProjectsFor } from "@/lib/projects/list-projects";
import { memberInput, memberRoleInput } from "@/lib/projects/project-inputs";
import { addMember, changeMemberRole, removeMember } from "@/lib/projects/project-members";
import { personOf } from "../caller-person";
import { defineApiRoute } from "../define-route";
import {
  memberParams,
  projectDetailResource,
  projectDetailResourceOf,
  projectIdParams,
  projectMemberResource,
  projectMemberResourceOf,
  projectResource,
  projectResourceOf,
} from "../resources/project";

const notMine = { description: "You are not a member of a project with this id." };
const ownersOnly = { description: "You are a member, but only the project's owners manage members." };

async function memberView(caller: Parameters<typeof personOf>[0], projectId: string, userId: string) {
  const detail = await getProjectDetail(personOf(caller), projectId);
  return detail.members.find((member) => member.userId === userId)!;
}

export const listMyProjects = defineApiRoute({
  method: "GET",
  path: "/projects",
  operationId: "listProjects",
  summary: "List your projects",
  description:
    "The projects you are a member of (archived ones left out), with your role and each quota's use.",
  tags: ["Projects"],
  scope: "read",
  responses: {
    200: { description: "Your projects, by name.", schema: z.object({ items: z.array(projectResource) }) },
  },
  async handler({ caller }) {
    const mine = await listProjectsFor(caller.user);
    return {
      status: 200,
      body: { items: mine.map((entry) => projectResourceOf(entry.project, entry.role, entry.quota)) },
    };
  },
});

export const getProjectRoute = defineApiRoute({
  method: "GET",
  path: "/projects/{projectId}",
  operationId: "getProject",
  summary: "Get one of your projects",
  description: "The project, its members with their roles and where each came from, and its quota's use.",
  tags: ["Projects"],
  scope: "read",
  params: projectIdParams,
  responses: { 200: { description: "The project.", schema: projectDetailResource }, 404: notMine },
  async handler({ params, caller }) {
    const detail = await getProjectDetail(personOf(caller), params.projectId);
    return { status: 200, body: projectDetailResourceOf(detail) };
  },
});

export const addProjectMember = defineApiRoute({
  method: "POST",
  path: "/projects/{projectId}/members",
  operationId: "addProjectMember",
  summary: "Add a member to a project you own",
  description: "By username or e-mail address, of someone who has signed in to Roost before.",
  tags: ["Projects"],
  scope: "manage",
  params: projectIdParams,
  body: memberInput,
  responses: {
    201: { description: "The new member.", schema: projectMemberResource },
    400: { description: "No one of that name has signed in yet." },
    403: ownersOnly,
    404: notMine,
    409: { description: "That person is a member already." },
  },
  async handler({ params, body, caller, actor }) {
    const member = await addMember(personOf(caller), params.projectId, body, actor);
    return {
      status: 201,
      body: projectMemberResourceOf(await memberView(caller, params.projectId, member.userId)),
    };
  },
});

export const changeProjectMember = defineApiRoute({
  method: "PATCH",
  path: "/projects/{projectId}/members/{userId}",
  operationId: "changeProjectMember",
  summary: "Change a member's role in a project you own",
  description: "Members from the project's group take the group role; the last owner stays an owner.",
  tags: ["Projects"],
  scope: "manage",
  params: memberParams,
  body: memberRoleInput,
  responses: {
    200: { description: "The member, changed.", schema: projectMemberResource },
    403: ownersOnly,
    404: { description: "No such project of yours, or no such member." },
    409: { description: "The member comes from the group, or is the last owner." },
  },
  async handler({ params, body, caller, actor }) {
    await changeMemberRole(personOf(caller), params.projectId, params.userId, body, actor);
    return {
      status: 200,
      body: projectMemberResourceOf(await memberView(caller, params.projectId, params.userId)),
    };
  },
});

export const removeProjectMember = defineApiRoute({
  method: "DELETE",
  path: "/projects/{projectId}/members/{userId}",
  operationId: "removeProjectMember",
  summary: "Remove a member from a project you own",
  description: "They lose the project's VMs at once, their open consoles included.",
  tags: ["Projects"],
  scope: "manage",
  params: memberParams,
  responses: {
    204: { description: "Removed." },
    403: ownersOnly,
    404: { description: "No such project of yours, or no such member." },
    409: { description: "The member comes from the group, or is the last owner." },
  },
  async handler({ params, caller, actor }) {
    await removeMember(personOf(caller), params.projectId, params.userId, actor);
    return { status: 204 };
  },
});
