import { Archive } from "lucide-react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { getCurrentUser } from "@/lib/authz/current-user";
import { listMemberBackups } from "@/lib/backups/backup-views";
import { formatBytes } from "@/lib/format";
import { getSetting } from "@/lib/settings/settings";
import { RestoreDialog } from "../vms/[vmId]/backups/restore-dialog";

export async function generateMetadata() {
  const t = await getTranslations("backups");
  return { title: t("title") };
}

export default async function BackupsPage() {
  const user = await getCurrentUser();
  if (!user) notFound();
  const [backups, lifecycle, t, format, locale] = await Promise.all([
    listMemberBackups(user),
    getSetting("backup.lifecycle"),
    getTranslations("backups"),
    getFormatter(),
    getLocale(),
  ]);
  const kept = backups.filter((backup) => backup.state === "done" || backup.state === "running");
  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("description", { days: lifecycle.keepDaysAfterDelete })}
      />
      {kept.length === 0 ? (
        <EmptyState icon={Archive} title={t("emptyTitle")}>
          {t("empty")}
        </EmptyState>
      ) : (
        <Table aria-label={t("title")}>
          <TableHeader>
            <TableRow>
              <TableHead>{t("vm")}</TableHead>
              <TableHead>{t("taken")}</TableHead>
              <TableHead>{t("note")}</TableHead>
              <TableHead className="text-end">{t("size")}</TableHead>
              <TableHead>{t("storage")}</TableHead>
              <TableHead />
            </TableRow>
          </TableHeader>
          <TableBody>
            {kept.map((backup) => {
              const takenAt = format.dateTime(backup.createdAt, "minute");
              const size = formatBytes(backup.sizeBytes, { locale });
              return (
                <TableRow key={backup.id} data-testid={`member-backup-${backup.vmName}`}>
                  <TableCell>
                    {backup.vmDeleted ? (
                      <>
                        {backup.vmName} <Badge variant="outline">{t("deleted")}</Badge>
                      </>
                    ) : (
                      <Link href={`/vms/${backup.vmId}`} className="underline">
                        {backup.vmName}
                      </Link>
                    )}
                    {backup.protected && <Badge variant="secondary">{t("protected")}</Badge>}
                  </TableCell>
                  <TableCell>{takenAt}</TableCell>
                  <TableCell className="max-w-56 truncate">{backup.note}</TableCell>
                  <TableCell className="text-end tabular-nums">
                    {backup.state === "done" ? size : t("beingMade")}
                  </TableCell>
                  <TableCell>{backup.storageLabel}</TableCell>
                  <TableCell className="text-end">
                    {backup.state === "done" && backup.may.restore && (
                      <RestoreDialog
                        vmName={backup.vmName}
                        backup={{ id: backup.id, takenAt, note: backup.note, size }}
                        canRestoreOver={false}
                      />
                    )}
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      )}
    </>
  );
}
