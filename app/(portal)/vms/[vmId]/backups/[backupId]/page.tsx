import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/page-header";
import { Time } from "@/components/time";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { getBackupById } from "@/db/queries/backups";
import { getCurrentUser } from "@/lib/authz/current-user";
import { allows, vmAccess } from "@/lib/authz/vm-access";
import { FileBrowser } from "./file-browser";

export async function generateMetadata() {
  const t = await getTranslations("vmPage.files");
  return { title: t("metaTitle") };
}

const uuid = /^[0-9a-f-]{36}$/;

export default async function BackupFilesPage({
  params,
}: {
  params: Promise<{ vmId: string; backupId: string }>;
}) {
  const user = await getCurrentUser();
  if (!user) notFound();
  const { vmId, backupId } = await params;
  if (!uuid.test(vmId) || !uuid.test(backupId)) notFound();
  const [access, backup] = await Promise.all([vmAccess(user, vmId), getBackupById({ id: backupId })]);
  // Browsing a backup's files is restoring from it: those who may not restore the VM see no such page.
  if (!access || !allows(access, "restore") || backup?.vmId !== vmId || backup.state !== "done") notFound();
  const { vm } = access;
  const t = await getTranslations("vmPage.files");
  const time = () => <Time at={backup.createdAt} />;
  return (
    <>
      <PageHeader
        title={t("title", { name: vm.name })}
        description={
          backup.note ? t.rich("fromWithNote", { time, note: backup.note }) : t.rich("from", { time })
        }
        actions={
          <Button asChild variant="outline">
            <Link href={`/vms/${vm.id}`}>{t("back", { name: vm.name })}</Link>
          </Button>
        }
      />
      <Card>
        <CardHeader>
          <CardTitle>{t("cardTitle")}</CardTitle>
          <CardDescription>{t("cardDescription")}</CardDescription>
        </CardHeader>
        <CardContent>
          <FileBrowser backupId={backup.id} />
        </CardContent>
      </Card>
    </>
  );
}
