import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/page-header";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { listBackupStorages } from "@/db/queries/backups";
import { listClusters } from "@/db/queries/clusters";
import { getUserWith } from "@/lib/authz/current-user";
import { can } from "@/lib/authz/permissions";
import { backupStorageCandidates } from "@/lib/backups/backup-storage-candidates";
import { listBackupsForAdmins } from "@/lib/backups/backup-views";
import { formatBytes } from "@/lib/format";
import { getSetting } from "@/lib/settings/settings";
import { AllBackups } from "./all-backups";
import { LifecycleForm } from "./lifecycle-form";
import { StorageForm } from "./storage-form";

export async function generateMetadata() {
  const t = await getTranslations("adminBackups");
  return { title: t("title") };
}

export default async function AdminBackupsPage({
  searchParams,
}: {
  searchParams: Promise<{ cluster?: string }>;
}) {
  const viewer = await getUserWith("admin:read");
  if (!viewer) notFound();
  const canChange = can(viewer.role, "admin:write");
  const clusterRows = await listClusters();
  const { cluster: wanted } = await searchParams;
  const clusterId = clusterRows.find((row) => row.id === wanted)?.id ?? clusterRows[0]?.id ?? null;
  const [t, format, locale, approved, candidates, lifecycle, backups] = await Promise.all([
    getTranslations("adminBackups"),
    getFormatter(),
    getLocale(),
    clusterId ? listBackupStorages({ clusterId }) : Promise.resolve([]),
    clusterId ? backupStorageCandidates(clusterId).catch(() => null) : Promise.resolve([]),
    getSetting("backup.lifecycle"),
    listBackupsForAdmins(),
  ]);
  const kept = backups.filter((backup) => backup.state === "done" || backup.state === "running");
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      {clusterRows.length > 1 && (
        <nav className="flex gap-3 text-sm" aria-label={t("clusters")}>
          {clusterRows.map((row) => (
            <Link
              key={row.id}
              href={`/admin/backups?cluster=${row.id}`}
              className={row.id === clusterId ? "font-semibold" : "underline"}
            >
              {row.name}
            </Link>
          ))}
        </nav>
      )}
      {clusterId && (
        <Card>
          <CardHeader>
            <CardTitle>{t("storages.title")}</CardTitle>
            <CardDescription>{t("storages.description")}</CardDescription>
          </CardHeader>
          <CardContent className="grid gap-3">
            {approved.length === 0 && (
              <p className="text-sm text-muted-foreground">{t("storages.noneApproved")}</p>
            )}
            {approved.map((storage) => (
              <StorageForm
                key={storage.id}
                approved
                type={storage.type}
                canChange={canChange}
                initial={{
                  clusterId: storage.clusterId,
                  storage: storage.storage,
                  label: storage.label,
                  modes: storage.modes,
                  compress: storage.compress,
                  enabled: storage.enabled,
                }}
              />
            ))}
            {candidates === null ? (
              <p role="alert" className="text-sm text-destructive">
                {t("storages.unreachable")}
              </p>
            ) : candidates.length > 0 ? (
              <>
                <h3 className="text-sm font-semibold">{t("storages.candidates")}</h3>
                {candidates.map((candidate) => (
                  <StorageForm
                    key={candidate.storage}
                    approved={false}
                    type={candidate.type}
                    canChange={canChange}
                    initial={{
                      clusterId,
                      storage: candidate.storage,
                      label: candidate.type === "pbs" ? t("storages.pbsLabel") : candidate.storage,
                      modes: ["snapshot"],
                      compress: "zstd",
                      enabled: true,
                    }}
                  />
                ))}
              </>
            ) : null}
          </CardContent>
        </Card>
      )}
      <Card>
        <CardHeader>
          <CardTitle>{t("lifecycle.title")}</CardTitle>
          <CardDescription>{t("lifecycle.description")}</CardDescription>
        </CardHeader>
        <CardContent>
          <LifecycleForm initial={lifecycle} canChange={canChange} />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>{t("all.title")}</CardTitle>
          <CardDescription>{t("all.description")}</CardDescription>
        </CardHeader>
        <CardContent>
          <AllBackups
            canChange={canChange}
            backups={kept.map((backup) => ({
              id: backup.id,
              vmName: backup.vmName,
              vmGone: backup.vmDeleted,
              owner: backup.projectName ? t("all.project", { name: backup.projectName }) : backup.ownerLabel,
              storage: backup.storageLabel,
              takenAt: format.dateTime(backup.createdAt, "minute"),
              age: t("all.age", { days: backup.ageDays }),
              size: formatBytes(backup.sizeBytes, { locale }),
              note: backup.note,
              state: backup.state,
              protected: backup.protected,
            }))}
          />
        </CardContent>
      </Card>
    </>
  );
}
