"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { FieldError } from "@/components/ui/field";
import { Progress } from "@/components/ui/progress";
import { Separator } from "@/components/ui/separator";
import { useActionRunner } from "@/hooks/use-action-runner";
import type { BackupPermissions } from "@/lib/backups/backup-views";
import { deleteBackupAction } from "./actions";
import type { BackupItem, BackupTarget } from "./backup-item";
import { BackupNowForm } from "./backup-now-form";
import { RefreshWhileRunning } from "./refresh-while-running";
import { RestoreDialog } from "./restore-dialog";
import { ScheduleForm, type ScheduleView } from "./schedule-form";

function BackupRow({
  vmId,
  vmName,
  backup,
  may,
}: {
  vmId: string;
  vmName: string;
  backup: BackupItem;
  may: BackupPermissions;
}) {
  const t = useTranslations("vmPage.backups");
  const { run, pending, error } = useActionRunner({ refresh: true });
  return (
    <li
      className="grid gap-2 p-3"
      data-testid={`backup-${backup.id}`}
      aria-label={t("backupOf", { day: backup.takenAt })}
    >
      <div className="flex flex-wrap items-center gap-3">
        <div className="min-w-0 flex-1">
          <div className="flex flex-wrap items-center gap-1.5">
            <span className="font-medium">{backup.takenAt}</span>
            {backup.note && (
              <span className="truncate" data-testid="backup-note">
                {backup.note}
              </span>
            )}
            {backup.protected && <Badge variant="secondary">{t("protected")}</Badge>}
            {backup.origin !== "manual" && (
              <Badge variant="outline">{t("origin", { origin: backup.origin })}</Badge>
            )}
            {backup.state !== "done" && (
              <Badge
                variant={backup.state === "failed" ? "destructive" : "outline"}
                data-testid="backup-state"
              >
                {t("state", { state: backup.state })}
              </Badge>
            )}
          </div>
          <div className="text-xs text-muted-foreground">
            {t("facts", { size: backup.size, storage: backup.storage, mode: backup.mode })}
            {backup.error ? ` · ${backup.error}` : ""}
          </div>
        </div>
        {may.restore && backup.state === "done" && backup.browsable && (
          <Button asChild size="sm" variant="outline">
            <Link href={`/vms/${vmId}/backups/${backup.id}`}>{t("browse")}</Link>
          </Button>
        )}
        {may.restore && backup.state === "done" && <RestoreDialog vmName={vmName} backup={backup} />}
        {may.delete && backup.state !== "running" && !backup.protected && (
          <Button
            size="sm"
            variant="ghost"
            disabled={pending}
            onClick={() => run(() => deleteBackupAction({ backupId: backup.id }), { success: t("deleted") })}
          >
            {t("delete")}
          </Button>
        )}
      </div>
      {backup.state === "running" && (
        <Progress value={backup.progress ?? 0} aria-label={t("progress")} className="h-1.5" />
      )}
      <FieldError>{error}</FieldError>
    </li>
  );
}

export function BackupsCard({
  vmId,
  vmName,
  backups,
  targets,
  schedule,
  room,
  restoring,
  may,
  quotaOf,
}: {
  vmId: string;
  vmName: string;
  backups: BackupItem[] | null;
  targets: BackupTarget[];
  schedule: ScheduleView | null;
  /** What the backup quota leaves, in words: "3 more backups in 40 GiB". */
  room: string;
  /** A restore over this VM is under way; the card follows it as it follows a backup. */
  restoring: boolean;
  /** The buttons the person gets; one who only sees the VM sees its backups and nothing to press. */
  may: BackupPermissions;
  /** Whose quota the backups count in: the project's, the person's own, or (shared, or an admin) the owner's. */
  quotaOf: "project" | "own" | "owner";
}) {
  const t = useTranslations("vmPage.backups");
  const running = backups?.some((backup) => backup.state === "running") ?? false;
  return (
    <Card data-testid="backups-card">
      <CardHeader>
        <CardTitle>{t("title")}</CardTitle>
        <CardDescription>{t("description", { whose: quotaOf, room })}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        <RefreshWhileRunning active={running || restoring} />
        {backups === null ? (
          <p className="text-sm text-muted-foreground">{t("unavailable")}</p>
        ) : backups.length === 0 ? (
          <p className="text-sm text-muted-foreground">{t("none")}</p>
        ) : (
          <ul className="divide-y rounded-md border" aria-label={t("title")}>
            {backups.map((backup) => (
              <BackupRow key={backup.id} vmId={vmId} vmName={vmName} backup={backup} may={may} />
            ))}
          </ul>
        )}
        {!may.backup ? null : targets.length === 0 ? (
          <p className="text-sm text-muted-foreground">{t("noStorage")}</p>
        ) : (
          <>
            <BackupNowForm vmId={vmId} targets={targets} disabled={running} />
            <Separator />
            <ScheduleForm vmId={vmId} targets={targets} schedule={schedule} />
          </>
        )}
      </CardContent>
    </Card>
  );
}
