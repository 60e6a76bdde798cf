import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/page-header";
import { getUserWith } from "@/lib/authz/current-user";
import { can } from "@/lib/authz/permissions";
import { ClusterForm } from "../cluster-form";

export async function generateMetadata() {
  const t = await getTranslations("adminClusters.new");
  return { title: t("title") };
}

export default async function NewClusterPage() {
  const viewer = await getUserWith("admin:read");
  if (!viewer) notFound();
  const t = await getTranslations("adminClusters.new");
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <ClusterForm canChange={can(viewer.role, "admin:write")} />
    </>
  );
}
