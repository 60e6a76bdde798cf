import "server-only";
import { notFound } from "next/navigation";
import type { Person } from "@/lib/authz/vm-access";
import { isDomainError } from "@/lib/errors";
import { getProjectDetail, type ProjectDetail } from "@/lib/projects/list-projects";

/** The project as the person may see it, or the page's 404: a bad id, no such project, not theirs. */
export async function loadProject(person: Person, projectId: string): Promise<ProjectDetail> {
  if (!/^[0-9a-f-]{36}$/i.test(projectId)) notFound();
  try {
    return await getProjectDetail(person, projectId);
  } catch (error) {
    if (isDomainError(error) && error.kind === "not-found") notFound();
    throw error;
  }
}
