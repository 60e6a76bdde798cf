import { useTranslations } from "next-intl";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { Project, User } from "@/db/schema";
import { displayName } from "@/lib/authz/display-name";
import { AddMemberForm } from "./add-member-form";
import { MembersTable } from "./members-table";

type Member = Parameters<typeof MembersTable>[0]["members"][number];

/** A project's members, with the controls to add, re-role and remove them for those who may. */
export function ProjectMembersCard({
  project,
  members,
  canManage,
  unboundText,
}: {
  project: Pick<Project, "id" | "idpGroup" | "groupRole">;
  members: (Omit<Member, "label"> & Pick<User, "name" | "username" | "email">)[];
  canManage: boolean;
  /** What the card says when no group is bound: who adds members, where it is shown. */
  unboundText: string;
}) {
  const t = useTranslations("projects");
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("members.title")}</CardTitle>
        <CardDescription>
          {project.idpGroup
            ? t("members.groupBound", { group: project.idpGroup, role: t(`roleBadge.${project.groupRole}`) })
            : unboundText}
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-6">
        <MembersTable
          projectId={project.id}
          members={members.map((member) => ({ ...member, label: displayName(member) }))}
          groupName={project.idpGroup}
          canManage={canManage}
        />
        {canManage && <AddMemberForm projectId={project.id} />}
      </CardContent>
    </Card>
  );
}
