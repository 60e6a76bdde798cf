import "server-only";
import type { ApprovalRequest } from "@/db/schema";
import type { Person } from "@/lib/authz/vm-access";
import { projectRoleOf } from "@/lib/projects/project-access";

/**
 * Admins decide every request; a project's owners decide those against its quota. Nobody decides their
 * own request.
 */
export async function mayDecide(
  person: Person,
  request: Pick<ApprovalRequest, "requesterId" | "projectId">,
): Promise<boolean> {
  if (person.id === request.requesterId) return false;
  if (person.role === "admin") return true;
  if (!request.projectId) return false;
  return (await projectRoleOf(person, request.projectId)) === "owner";
}
