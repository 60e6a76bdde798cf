"use client";

import { FileIcon, FolderIcon, HardDriveIcon, LinkIcon } from "lucide-react";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { FieldError } from "@/components/ui/field";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useActionRunner } from "@/hooks/use-action-runner";
import { formatBytes } from "@/lib/format";
import { listBackupFilesAction } from "../actions";

type Entry = {
  name: string;
  path: string;
  kind: "directory" | "file" | "link" | "disk" | "other";
  leaf: boolean;
  size: number | null;
  modifiedAt: string | null;
};

const icons = { directory: FolderIcon, file: FileIcon, link: LinkIcon, disk: HardDriveIcon, other: FileIcon };

/** The folders from the top down to `path`, each with the path it opens. */
function crumbs(path: string, top: string): { name: string; path: string }[] {
  const parts = path.split("/").filter(Boolean);
  return [
    { name: top, path: "/" },
    ...parts.map((name, index) => ({ name, path: `/${parts.slice(0, index + 1).join("/")}` })),
  ];
}

/**
 * A PBS backup's file tree, one folder at a time as Proxmox opens it; files download as they are, folders
 * as a zip. Every listing and download is the owner's only and goes to the audit log.
 */
export function FileBrowser({ backupId }: { backupId: string }) {
  const t = useTranslations("vmPage.files");
  const locale = useLocale();
  const format = useFormatter();
  const [path, setPath] = useState("/");
  const [entries, setEntries] = useState<Entry[] | null>(null);
  const { run, pending, error } = useActionRunner();
  // biome-ignore lint/correctness/useExhaustiveDependencies: run is a new function each render; the folder is what matters.
  useEffect(() => {
    setEntries(null);
    run(() => listBackupFilesAction({ backupId, path }), { onSuccess: (data) => setEntries(data.entries) });
  }, [backupId, path]);
  const download = (to: string) => `/api/backups/${backupId}/download?path=${encodeURIComponent(to)}`;
  return (
    <div className="grid gap-3">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <nav aria-label={t("folder")} className="flex flex-wrap items-center gap-1 text-sm">
          {crumbs(path, t("disks")).map((crumb, index, all) => (
            <span key={crumb.path} className="flex items-center gap-1">
              {index > 0 && <span className="text-muted-foreground">/</span>}
              {index === all.length - 1 ? (
                <span aria-current="location" className="font-medium">
                  {crumb.name}
                </span>
              ) : (
                <button type="button" className="underline" onClick={() => setPath(crumb.path)}>
                  {crumb.name}
                </button>
              )}
            </span>
          ))}
        </nav>
        {path !== "/" && (
          <Button asChild size="sm" variant="outline">
            <a href={download(path)} download>
              {t("downloadFolder")}
            </a>
          </Button>
        )}
      </div>
      <FieldError>{error}</FieldError>
      {entries === null ? (
        <p className="text-sm text-muted-foreground" role="status">
          {pending ? t("opening") : ""}
        </p>
      ) : entries.length === 0 ? (
        <p className="text-sm text-muted-foreground">{t("empty")}</p>
      ) : (
        <Table aria-label={t("files")}>
          <TableHeader>
            <TableRow>
              <TableHead>{t("name")}</TableHead>
              <TableHead className="text-end">{t("size")}</TableHead>
              <TableHead>{t("modified")}</TableHead>
              <TableHead />
            </TableRow>
          </TableHeader>
          <TableBody>
            {entries.map((entry) => {
              const Icon = icons[entry.kind];
              const opens = !entry.leaf && entry.kind !== "file" && entry.kind !== "link";
              return (
                <TableRow key={entry.path} data-testid={`file-${entry.name}`}>
                  <TableCell>
                    <span className="flex items-center gap-2">
                      <Icon className="size-4 text-muted-foreground" aria-hidden />
                      {opens ? (
                        <button type="button" className="underline" onClick={() => setPath(entry.path)}>
                          {entry.name}
                        </button>
                      ) : (
                        entry.name
                      )}
                    </span>
                  </TableCell>
                  <TableCell className="text-end tabular-nums">
                    {entry.size === null ? "" : formatBytes(entry.size, { locale })}
                  </TableCell>
                  <TableCell>
                    {entry.modifiedAt ? format.dateTime(new Date(entry.modifiedAt), "minute") : ""}
                  </TableCell>
                  <TableCell className="text-end">
                    {(entry.kind === "file" || entry.kind === "directory") && (
                      <a
                        href={download(entry.path)}
                        download
                        className="text-sm underline"
                        aria-label={t(entry.kind === "directory" ? "downloadZipLabel" : "downloadLabel", {
                          name: entry.name,
                        })}
                      >
                        {entry.kind === "directory" ? t("downloadZip") : t("download")}
                      </a>
                    )}
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      )}
    </div>
  );
}
