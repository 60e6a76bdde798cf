import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/page-header";
import { ProjectLeasePolicy } from "@/components/project-lease-policy";
import { ProjectVmsTable } from "@/components/project-vms-table";
import { QuotaBars } from "@/components/quota-bars";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { getUserWith } from "@/lib/authz/current-user";
import { can } from "@/lib/authz/permissions";
import { getSetting } from "@/lib/settings/settings";
import { loadProject } from "../../../projects/[projectId]/load-project";
import { ProjectMembersCard } from "../../../projects/[projectId]/project-members-card";
import { ProjectForm } from "../project-form";
import { ArchiveProjectDialog } from "./archive-project-dialog";
import { RestoreProjectButton } from "./restore-project-button";

export async function generateMetadata() {
  const t = await getTranslations("adminProjects.page");
  return { title: t("title") };
}

export default async function AdminProjectPage({ params }: { params: Promise<{ projectId: string }> }) {
  const viewer = await getUserWith("admin:read");
  if (!viewer) notFound();
  const { projectId } = await params;
  const { project, members, vms, quota } = await loadProject(viewer, projectId);
  const portalLease = await getSetting("lease.policy");
  const canChange = can(viewer.role, "admin:write");
  const [t, format] = await Promise.all([getTranslations("adminProjects"), getFormatter()]);
  return (
    <>
      <PageHeader
        title={project.name}
        description={
          <>
            {t.rich("page.summary", {
              description: project.description || t("page.noDescription"),
              pool: `roostp-${project.slug}`,
              code: (chunks) => <code>{chunks}</code>,
            })}
            {project.archivedAt && (
              <>
                {" "}
                ·{" "}
                <Badge variant="outline">
                  {t("archivedOn", { date: format.dateTime(project.archivedAt, "day") })}
                </Badge>
              </>
            )}
          </>
        }
        actions={
          project.archivedAt ? (
            <RestoreProjectButton projectId={project.id} name={project.name} canChange={canChange} />
          ) : (
            <ArchiveProjectDialog
              projectId={project.id}
              name={project.name}
              liveVms={vms.length}
              canChange={canChange}
            />
          )
        }
      />
      <QuotaBars quota={quota.quota} usage={quota.usage} label={t("page.quotaOf", { name: project.name })} />
      <Card>
        <CardHeader>
          <CardTitle>{t("page.settings")}</CardTitle>
          <CardDescription>
            <ProjectLeasePolicy project={project} portal={portalLease} />
          </CardDescription>
        </CardHeader>
        <CardContent>
          <ProjectForm
            canChange={canChange && !project.archivedAt}
            portalLease={portalLease}
            initial={{
              id: project.id,
              name: project.name,
              description: project.description,
              quota: quota.quota,
              leaseLengthDays: project.leaseLengthDays,
              leaseMaxDays: project.leaseMaxDays,
              idpGroup: project.idpGroup,
              groupRole: project.groupRole,
              idleStop: project.idleStop,
            }}
          />
        </CardContent>
      </Card>
      <ProjectMembersCard
        project={project}
        members={members}
        canManage={canChange && !project.archivedAt}
        unboundText={t("page.unbound")}
      />
      <Card>
        <CardHeader>
          <CardTitle>{t("page.vms")}</CardTitle>
        </CardHeader>
        <CardContent>
          <ProjectVmsTable vms={vms} linkBase="/admin/vms" />
        </CardContent>
      </Card>
    </>
  );
}
