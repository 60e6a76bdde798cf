import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/page-header";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { listGroups } from "@/db/queries/groups";
import { getUserWith } from "@/lib/authz/current-user";
import { can } from "@/lib/authz/permissions";
import { getSetting } from "@/lib/settings/settings";
import { DefaultQuotaForm } from "./default-quota-form";
import { GroupForm } from "./group-form";

export async function generateMetadata() {
  const t = await getTranslations("adminGroups");
  return { title: t("title") };
}

export default async function GroupsPage() {
  const viewer = await getUserWith("admin:read");
  if (!viewer) notFound();
  const t = await getTranslations("adminGroups");
  const canChange = can(viewer.role, "admin:write");
  const [groups, defaultQuota] = await Promise.all([listGroups(), getSetting("quota.default")]);
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <Card>
        <CardHeader>
          <CardTitle>{t("defaultQuota.title")}</CardTitle>
          <CardDescription>{t("defaultQuota.description")}</CardDescription>
        </CardHeader>
        <CardContent>
          <DefaultQuotaForm initial={defaultQuota} canChange={canChange} />
        </CardContent>
      </Card>
      {groups.map((group) => (
        <Card key={group.id}>
          <CardHeader>
            <CardTitle>{group.name}</CardTitle>
            {group.description && <CardDescription>{group.description}</CardDescription>}
          </CardHeader>
          <CardContent>
            <GroupForm
              canChange={canChange}
              initial={{
                id: group.id,
                name: group.name,
                description: group.description,
                role: group.role,
                quota: {
                  vms: group.maxVms,
                  cores: group.maxCores,
                  memoryMb: group.maxMemoryMb,
                  diskGb: group.maxDiskGb,
                  snapshots: group.maxSnapshots,
                  backups: group.maxBackups,
                  backupGb: group.maxBackupGb,
                },
              }}
            />
          </CardContent>
        </Card>
      ))}
      <Card>
        <CardHeader>
          <CardTitle>{t("add.title")}</CardTitle>
          <CardDescription>{t("add.description")}</CardDescription>
        </CardHeader>
        <CardContent>
          <GroupForm canChange={canChange} />
        </CardContent>
      </Card>
    </>
  );
}
