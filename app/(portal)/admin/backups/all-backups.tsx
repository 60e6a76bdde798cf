"use client";

import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { FieldError } from "@/components/ui/field";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useActionRunner } from "@/hooks/use-action-runner";
import { deleteAnyBackupAction, protectBackupAction } from "./actions";

export interface AdminBackupView {
  id: string;
  vmName: string;
  vmGone: boolean;
  owner: string;
  storage: string;
  takenAt: string;
  age: string;
  size: string;
  note: string;
  state: string;
  protected: boolean;
}

export function AllBackups({ backups, canChange }: { backups: AdminBackupView[]; canChange: boolean }) {
  const t = useTranslations("adminBackups.all");
  const { run, pending, error } = useActionRunner({ refresh: true });
  if (backups.length === 0) return <p className="text-sm text-muted-foreground">{t("empty")}</p>;
  return (
    <div className="grid gap-2">
      <FieldError>{error}</FieldError>
      <Table aria-label={t("title")}>
        <TableHeader>
          <TableRow>
            <TableHead>{t("vm")}</TableHead>
            <TableHead>{t("owner")}</TableHead>
            <TableHead>{t("taken")}</TableHead>
            <TableHead>{t("ageColumn")}</TableHead>
            <TableHead className="text-end">{t("size")}</TableHead>
            <TableHead>{t("storage")}</TableHead>
            <TableHead>{t("note")}</TableHead>
            <TableHead />
          </TableRow>
        </TableHeader>
        <TableBody>
          {backups.map((backup) => (
            <TableRow key={backup.id} data-testid="admin-backup-row">
              <TableCell>
                {backup.vmName} {backup.vmGone && <Badge variant="outline">{t("vmDeleted")}</Badge>}
                {backup.state !== "done" && (
                  <Badge variant="secondary">{t("state", { state: backup.state })}</Badge>
                )}
              </TableCell>
              <TableCell>{backup.owner}</TableCell>
              <TableCell>{backup.takenAt}</TableCell>
              <TableCell>{backup.age}</TableCell>
              <TableCell className="text-end tabular-nums">{backup.size}</TableCell>
              <TableCell>{backup.storage}</TableCell>
              <TableCell className="max-w-48 truncate">{backup.note}</TableCell>
              <TableCell className="text-end">
                {backup.state === "done" && (
                  <Button
                    size="sm"
                    variant={backup.protected ? "secondary" : "outline"}
                    disabled={!canChange || pending}
                    aria-pressed={backup.protected}
                    onClick={() =>
                      run(() => protectBackupAction({ backupId: backup.id, protect: !backup.protected }), {
                        success: backup.protected ? t("unprotected") : t("protected"),
                      })
                    }
                  >
                    {backup.protected ? t("unprotect") : t("protect")}
                  </Button>
                )}
                {backup.state === "done" && !backup.protected && (
                  <Button
                    size="sm"
                    variant="ghost"
                    disabled={!canChange || pending}
                    onClick={() =>
                      run(() => deleteAnyBackupAction({ backupId: backup.id }), {
                        success: t("deleted"),
                      })
                    }
                  >
                    {t("delete")}
                  </Button>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
