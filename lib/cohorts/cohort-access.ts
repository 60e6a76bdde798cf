import "server-only";
import { getCohortById } from "@/db/queries/cohorts";
import type { Cohort } from "@/db/schema";
import { can } from "@/lib/authz/permissions";
import type { Person } from "@/lib/authz/vm-access";
import { forbidden, notFound } from "@/lib/errors";
import { message } from "@/lib/i18n/message";
import { projectRoleOf } from "@/lib/projects/project-access";

const isAdmin = (person: Person) => can(person.role, "admin:write");

/** Who may make a class: admins, and the owners of the project it counts in. */
export async function mayTeachIn(person: Person, projectId: string | null): Promise<boolean> {
  if (isAdmin(person)) return true;
  return projectId !== null && (await projectRoleOf(person, projectId)) === "owner";
}

export async function checkMayTeachIn(person: Person, projectId: string | null): Promise<void> {
  if (await mayTeachIn(person, projectId)) return;
  throw forbidden(
    projectId
      ? "Only the project's owners and admins may make classes that count in it."
      : "Only admins may make classes that count in each student's own quota; choose a project you own.",
  );
}

/** The class, for its teacher or an admin; anyone else is told there is no such class. */
export async function cohortManagedBy(person: Person, cohortId: string): Promise<Cohort> {
  const cohort = await getCohortById({ id: cohortId });
  if (!cohort || (cohort.teacherId !== person.id && !isAdmin(person)))
    throw notFound(message("errors.cohorts.noSuchClass"));
  return cohort;
}
