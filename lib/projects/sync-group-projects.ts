import "server-only";
import { getDb } from "@/db/client";
import {
  deleteMember,
  getMembership,
  insertMember,
  listGroupBoundProjects,
  lockProject,
  setMemberRole,
} from "@/db/queries/projects";
import type { Project } from "@/db/schema";
import { type AuditActor, recordAuditEvent, systemActor } from "@/lib/audit/record-audit-event";
import { publishUserChange } from "@/lib/live/portal-changes";

type Change = "joined" | "left" | "role";

/** Brings one person's group membership of one project in line with their groups; null when it was. */
async function syncOne(project: Project, userId: string, inGroup: boolean): Promise<Change | null> {
  return getDb().transaction(async (tx) => {
    await lockProject({ id: project.id }, tx);
    const member = await getMembership({ projectId: project.id, userId }, tx);
    // Someone an owner added by hand stays as they were, in the group or not.
    if (member?.source === "manual") return null;
    if (inGroup && !member) {
      await insertMember({ projectId: project.id, userId, role: project.groupRole, source: "group" }, tx);
      return "joined";
    }
    if (inGroup && member && member.role !== project.groupRole) {
      await setMemberRole({ projectId: project.id, userId, role: project.groupRole }, tx);
      return "role";
    }
    if (!inGroup && member) {
      await deleteMember({ projectId: project.id, userId }, tx);
      return "left";
    }
    return null;
  });
}

/**
 * At each sign-in: a person in a project's bound group is its member with the project's group role (source
 * "group"); one who left the group leaves the project. Members an owner added by hand are never touched.
 * Each change is audited. Answers what changed, by project id.
 */
export async function syncGroupProjects(user: {
  id: string;
  groups: string[];
  label?: string;
}): Promise<Record<string, Change>> {
  const bound = await listGroupBoundProjects();
  const groups = new Set(user.groups);
  const changes: Record<string, Change> = {};
  const actor: AuditActor = { ...systemActor, label: "group sync" };
  for (const project of bound) {
    const change = await syncOne(project, user.id, groups.has(project.idpGroup!));
    if (!change) continue;
    changes[project.id] = change;
    await recordAuditEvent({
      actor,
      action: "project.group_sync",
      target: { type: "project", id: project.id },
      result: "success",
      detail: { userId: user.id, user: user.label, group: project.idpGroup, change, role: project.groupRole },
    });
  }
  if (Object.keys(changes).length > 0) await publishUserChange(user.id);
  return changes;
}
