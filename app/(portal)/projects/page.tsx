import { FolderKanban } from "lucide-react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { QuotaBars } from "@/components/quota-bars";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { getCurrentUser } from "@/lib/authz/current-user";
import { can } from "@/lib/authz/permissions";
import { listProjectsFor } from "@/lib/projects/list-projects";

export async function generateMetadata() {
  const t = await getTranslations("projects.list");
  return { title: t("title") };
}

export default async function ProjectsPage() {
  const user = await getCurrentUser();
  if (!user) notFound();
  const [projects, t] = await Promise.all([listProjectsFor(user), getTranslations("projects")]);
  const admin = can(user.role, "admin:write");
  return (
    <>
      <PageHeader title={t("list.title")} description={t("list.description")} />
      {projects.length === 0 ? (
        <EmptyState icon={FolderKanban} title={t("list.emptyTitle")}>
          {admin
            ? t.rich("list.emptyAdmin", {
                link: (chunks) => (
                  <Link className="underline" href="/admin/projects">
                    {chunks}
                  </Link>
                ),
              })
            : t("list.emptyMember")}
        </EmptyState>
      ) : (
        projects.map(({ project, role, quota }) => (
          <Card key={project.id} data-testid={`project-${project.name}`}>
            <CardHeader>
              <CardTitle className="flex flex-wrap items-center gap-2">
                <Link className="underline-offset-4 hover:underline" href={`/projects/${project.id}`}>
                  {project.name}
                </Link>
                <Badge variant={role === "owner" ? "default" : "secondary"}>{t(`roleBadge.${role}`)}</Badge>
              </CardTitle>
              <CardDescription>
                {project.description && `${project.description} · `}
                {t("list.vms", { count: quota.usage.vms })}
              </CardDescription>
            </CardHeader>
            <CardContent>
              <QuotaBars
                quota={quota.quota}
                usage={quota.usage}
                label={t("page.quotaOf", { name: project.name })}
              />
            </CardContent>
          </Card>
        ))
      )}
    </>
  );
}
