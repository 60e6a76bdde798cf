import { LayoutTemplate } from "lucide-react";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { listProjectsOfUser } from "@/db/queries/projects";
import { listEnabledTemplates } from "@/db/queries/templates";
import { getCurrentUser } from "@/lib/authz/current-user";
import { can } from "@/lib/authz/permissions";
import { getSetting } from "@/lib/settings/settings";
import { CohortForm } from "./cohort-form";

export async function generateMetadata() {
  const t = await getTranslations("cohorts.new");
  return { title: t("title") };
}

export default async function NewCohortPage() {
  const user = await getCurrentUser();
  if (!user) notFound();
  const personalAllowed = can(user.role, "admin:write");
  const projects = (await listProjectsOfUser({ userId: user.id }))
    .filter(({ role }) => role === "owner")
    .map(({ project }) => ({ id: project.id, name: project.name }));
  // Admins and project owners make classes; anyone else learns nothing of this page.
  if (!personalAllowed && projects.length === 0) notFound();
  const [templates, limits, t] = await Promise.all([
    listEnabledTemplates(),
    getSetting("vm.limits"),
    getTranslations("cohorts.new"),
  ]);
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      {templates.length === 0 ? (
        <EmptyState icon={LayoutTemplate} title={t("noTemplatesTitle")}>
          {t("noTemplates")}
        </EmptyState>
      ) : (
        <CohortForm
          templates={templates.map(({ id, label, minDiskGb }) => ({ id, label, minDiskGb }))}
          projects={projects}
          personalAllowed={personalAllowed}
          limits={limits}
          timeZones={Intl.supportedValuesOf("timeZone")}
        />
      )}
    </>
  );
}
