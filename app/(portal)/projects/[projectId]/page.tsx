import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/page-header";
import { ProjectLeasePolicy } from "@/components/project-lease-policy";
import { ProjectVmsTable } from "@/components/project-vms-table";
import { QuotaBars } from "@/components/quota-bars";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { getCurrentUser } from "@/lib/authz/current-user";
import { can } from "@/lib/authz/permissions";
import { projectScheduleView } from "@/lib/schedules/schedule-view";
import { getSetting } from "@/lib/settings/settings";
import { PowerScheduleCard } from "../../_schedules/power-schedule-card";
import { loadProject } from "./load-project";
import { ProjectMembersCard } from "./project-members-card";

export async function generateMetadata() {
  const t = await getTranslations("projects.page");
  return { title: t("title") };
}

export default async function ProjectPage({ params }: { params: Promise<{ projectId: string }> }) {
  const user = await getCurrentUser();
  if (!user) notFound();
  const { projectId } = await params;
  const { project, role, members, vms, quota } = await loadProject(user, projectId);
  const [portalLease, t, powerSchedule] = await Promise.all([
    getSetting("lease.policy"),
    getTranslations("projects"),
    projectScheduleView(user, projectId),
  ]);
  const canManage = !project.archivedAt && (role === "owner" || can(user.role, "admin:write"));
  return (
    <>
      <PageHeader
        title={project.name}
        description={
          <>
            {project.description && `${project.description} · `}
            {role
              ? t.rich("page.youAre", {
                  role: t(`roleBadge.${role}`),
                  badge: (chunks) => <Badge variant="secondary">{chunks}</Badge>,
                })
              : t("page.asAdmin")}
          </>
        }
      />
      <QuotaBars quota={quota.quota} usage={quota.usage} label={t("page.quotaOf", { name: project.name })} />
      <Card>
        <CardHeader>
          <CardTitle>{t("page.vms")}</CardTitle>
          <CardDescription>
            <ProjectLeasePolicy project={project} portal={portalLease} />
          </CardDescription>
        </CardHeader>
        <CardContent>
          <ProjectVmsTable vms={vms} linkBase="/vms" />
        </CardContent>
      </Card>
      {(powerSchedule.own || powerSchedule.mayChange) && (
        <PowerScheduleCard
          target={{ projectId }}
          governing={
            powerSchedule.own ? { ...powerSchedule.own, source: "project", name: project.name } : null
          }
          mayChange={powerSchedule.mayChange}
        />
      )}
      <ProjectMembersCard
        project={project}
        members={members}
        canManage={canManage}
        unboundText={t("page.unbound")}
      />
    </>
  );
}
