import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { ProjectRole } from "@/db/schema";
import { MemberControls } from "./member-controls";

export interface MemberRow {
  userId: string;
  label: string;
  email: string | null;
  role: ProjectRole;
  source: "manual" | "group";
}

/**
 * The project's members. Those who come from the identity-provider group follow it at each sign-in, so
 * nobody changes or removes them here; owners (and admins) manage the others.
 */
export function MembersTable({
  projectId,
  members,
  groupName,
  canManage,
}: {
  projectId: string;
  members: MemberRow[];
  groupName: string | null;
  canManage: boolean;
}) {
  const t = useTranslations("projects");
  if (members.length === 0) return <p className="text-sm text-muted-foreground">{t("members.none")}</p>;
  return (
    <Table>
      <TableHeader>
        <TableRow>
          <TableHead>{t("members.member")}</TableHead>
          <TableHead>{t("members.role")}</TableHead>
          <TableHead>{t("members.source")}</TableHead>
          {canManage && <TableHead className="text-end">{t("members.manage")}</TableHead>}
        </TableRow>
      </TableHeader>
      <TableBody>
        {members.map((member) => (
          <TableRow key={member.userId} data-testid={`member-${member.label}`}>
            <TableCell>
              <div className="font-medium">{member.label}</div>
              {member.email && <div className="text-xs text-muted-foreground">{member.email}</div>}
            </TableCell>
            <TableCell>
              <Badge variant={member.role === "owner" ? "default" : "secondary"}>
                {t(`roleBadge.${member.role}`)}
              </Badge>
            </TableCell>
            <TableCell className="text-sm">
              {member.source === "manual"
                ? t("members.byHand")
                : groupName
                  ? t("members.fromGroup", { group: groupName })
                  : t("members.fromUnboundGroup")}
            </TableCell>
            {canManage && (
              <TableCell>
                {member.source === "manual" ? (
                  <MemberControls
                    projectId={projectId}
                    userId={member.userId}
                    label={member.label}
                    role={member.role}
                  />
                ) : (
                  <p className="text-end text-xs text-muted-foreground">{t("members.followsGroup")}</p>
                )}
              </TableCell>
            )}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
