import { FolderKanban } from "lucide-react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { QuotaSummary } from "@/components/quota-summary";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { getUserWith } from "@/lib/authz/current-user";
import { can } from "@/lib/authz/permissions";
import { listAllProjects } from "@/lib/projects/list-projects";
import { getSetting } from "@/lib/settings/settings";
import { ProjectForm } from "./project-form";

export async function generateMetadata() {
  const t = await getTranslations("adminProjects");
  return { title: t("title") };
}

export default async function AdminProjectsPage() {
  const viewer = await getUserWith("admin:read");
  if (!viewer) notFound();
  const t = await getTranslations("adminProjects");
  const [projects, portalLease] = await Promise.all([listAllProjects(viewer), getSetting("lease.policy")]);
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      {projects.length === 0 ? (
        <EmptyState icon={FolderKanban} title={t("empty.title")}>
          {t("empty.body")}
        </EmptyState>
      ) : (
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>{t("table.project")}</TableHead>
              <TableHead>{t("table.members")}</TableHead>
              <TableHead>{t("table.vms")}</TableHead>
              <TableHead>{t("table.usage")}</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {projects.map(({ project, members, vms, quota }) => (
              <TableRow key={project.id} data-testid={`admin-project-${project.name}`}>
                <TableCell>
                  <Link className="font-medium hover:underline" href={`/admin/projects/${project.id}`}>
                    {project.name}
                  </Link>
                  {project.archivedAt && (
                    <Badge variant="outline" className="ms-2">
                      {t("archived")}
                    </Badge>
                  )}
                  {project.idpGroup && (
                    <div className="text-xs text-muted-foreground">
                      {t("group", { group: project.idpGroup })}
                    </div>
                  )}
                </TableCell>
                <TableCell>{members}</TableCell>
                <TableCell>{vms}</TableCell>
                <TableCell>
                  <QuotaSummary quota={quota.quota} usage={quota.usage} />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <Card>
        <CardHeader>
          <CardTitle>{t("create.title")}</CardTitle>
          <CardDescription>
            {t("create.description", { lengthDays: portalLease.lengthDays, maxDays: portalLease.maxDays })}
          </CardDescription>
        </CardHeader>
        <CardContent>
          <ProjectForm portalLease={portalLease} canChange={can(viewer.role, "admin:write")} />
        </CardContent>
      </Card>
    </>
  );
}
