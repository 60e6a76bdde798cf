import { z } from "zod";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { getCurrentUser } from "@/lib/authz/current-user";
import { displayName } from "@/lib/authz/display-name";
import { downloadBackupFile } from "@/lib/backups/file-restore";
import { invalid, notFound } from "@/lib/errors";
import { routeHandler } from "@/lib/http/route-handler";
import { getRequestContext } from "@/lib/request-context";

export const dynamic = "force-dynamic";

const query = z.object({
  backupId: z.uuid(),
  path: z.string().min(2).max(4096).startsWith("/"),
});

/**
 * A file of a PBS backup of a VM the caller may restore, or a folder as a zip; a backup of a VM they cannot
 * see is a 404, one they see but may not restore a 403.
 */
export const GET = routeHandler(
  "/api/backups/{backupId}/download",
  async (request: Request, { params }: { params: Promise<{ backupId: string }> }) => {
    const user = await getCurrentUser();
    if (!user) throw notFound();
    const parsed = query.safeParse({
      backupId: (await params).backupId,
      path: new URL(request.url).searchParams.get("path") ?? "",
    });
    if (!parsed.success)
      throw invalid("Give the path of a file or folder inside the backup, starting with /.", "path");
    const file = await downloadBackupFile({ ...parsed.data, person: user });
    await recordAuditEvent({
      actor: { id: user.id, label: displayName(user) },
      action: "backup.files.download",
      result: "success",
      target: { type: "backup", id: parsed.data.backupId },
      detail: { path: parsed.data.path },
      ...(await getRequestContext()),
    });
    const ascii = file.fileName.replace(/[^\x20-\x7e]|["\\]/g, "_");
    return new Response(file.body, {
      headers: {
        "content-type": file.contentType,
        "content-disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
        "cache-control": "no-store",
      },
    });
  },
);
