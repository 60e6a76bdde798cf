import { z } from "zod";
import type { Project, ProjectRole } from "@/db/schema";
import { projectRoleEnum } from "@/db/schema";
import type { ProjectDetail, ProjectMemberView } from "@/lib/projects/list-projects";
import type { QuotaStatus } from "@/lib/quotas/effective-quota";
import { quotaMeters } from "@/lib/quotas/quota";
import { quotaMeterResource } from "./quota";

export const projectIdParams = z.object({
  projectId: z
    .uuid("A project id is a UUID.")
    .meta({ description: "The project's id, as `GET /projects` gives it." }),
});

export const memberParams = projectIdParams.extend({
  userId: z
    .string()
    .min(1)
    .max(200)
    .meta({ description: "The member's user id, as the project's members list it." }),
});

const role = z.enum(projectRoleEnum.enumValues);

const projectUsage = z
  .object({
    vms: quotaMeterResource,
    cores: quotaMeterResource,
    memoryMb: quotaMeterResource,
    diskGb: quotaMeterResource,
    snapshots: quotaMeterResource,
    backups: quotaMeterResource,
    backupGb: quotaMeterResource,
  })
  .meta({
    id: "ProjectQuota",
    description: "The project's own quota and what its VMs and backups hold of it.",
  });

/** A project as its members see it. */
export const projectResource = z
  .object({
    id: z.uuid(),
    name: z.string(),
    description: z.string(),
    role: role.nullable().meta({ description: "Your role in it; null for an admin who is not a member." }),
    idpGroup: z.string().nullable().meta({ description: "The identity-provider group it follows, if any." }),
    leaseLengthDays: z.number().int().nullable().meta({ description: "Null: the portal's lease length." }),
    leaseMaxDays: z.number().int().nullable().meta({ description: "Null: the portal's furthest renewal." }),
    archived: z.boolean(),
    quota: projectUsage,
  })
  .meta({ id: "Project" });

export const projectMemberResource = z
  .object({
    userId: z.string(),
    name: z.string().nullable(),
    username: z.string().nullable(),
    email: z.string().nullable(),
    role,
    source: z
      .enum(["manual", "group"])
      .meta({ description: "group: from the project's identity-provider group, changed only there." }),
    addedAt: z.iso.datetime(),
  })
  .meta({ id: "ProjectMember" });

export const projectDetailResource = projectResource
  .extend({ members: z.array(projectMemberResource) })
  .meta({ id: "ProjectDetail" });

export function projectResourceOf(
  project: Project,
  myRole: ProjectRole | null,
  quota: QuotaStatus,
): z.infer<typeof projectResource> {
  return {
    id: project.id,
    name: project.name,
    description: project.description,
    role: myRole,
    idpGroup: project.idpGroup,
    leaseLengthDays: project.leaseLengthDays,
    leaseMaxDays: project.leaseMaxDays,
    archived: project.archivedAt !== null,
    quota: quotaMeters(quota.quota, quota.usage),
  };
}

export function projectMemberResourceOf(member: ProjectMemberView): z.infer<typeof projectMemberResource> {
  return {
    userId: member.userId,
    name: member.name,
    username: member.username,
    email: member.email,
    role: member.role,
    source: member.source,
    addedAt: member.addedAt.toISOString(),
  };
}

export function projectDetailResourceOf(detail: ProjectDetail): z.infer<typeof projectDetailResource> {
  return {
    ...projectResourceOf(detail.project, detail.role, detail.quota),
    members: detail.members.map(projectMemberResourceOf),
  };
}
