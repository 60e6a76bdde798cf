import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { AuditTable } from "@/components/audit-table";
import { PageHeader } from "@/components/page-header";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { listAuditEvents } from "@/db/queries/audit";
import { type AuditSearchParams, auditFilterSchema } from "@/lib/audit/audit-filter";
import { getUserWith } from "@/lib/authz/current-user";
import { byAnyKey, renderMessages } from "@/lib/i18n/message";

export async function generateMetadata() {
  const t = await getTranslations("adminAudit");
  return { title: t("title") };
}

// The filter's messages may be catalog tokens made in lib/audit.
async function FilterError({ messages }: { messages?: string[] }) {
  if (!messages) return null;
  const t = byAnyKey(await getTranslations());
  return <p className="text-destructive text-xs">{renderMessages(messages, t).join(" ")}</p>;
}

export default async function AuditPage({ searchParams }: { searchParams: Promise<AuditSearchParams> }) {
  if (!(await getUserWith("admin:read"))) notFound();
  const [filter, t] = await Promise.all([searchParams, getTranslations("adminAudit")]);
  const parsed = auditFilterSchema.safeParse(filter);
  const errors: Record<string, string[] | undefined> = parsed.success
    ? {}
    : z.flattenError(parsed.error).fieldErrors;
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <form className="flex flex-wrap items-end gap-3" method="get">
        <div className="grid gap-1.5">
          <Label htmlFor="actor">{t("filter.actor")}</Label>
          <Input
            id="actor"
            name="actor"
            defaultValue={filter.actor}
            placeholder={t("filter.actorPlaceholder")}
            className="w-36"
          />
          <FilterError messages={errors.actor} />
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor="action">{t("filter.action")}</Label>
          <Input
            id="action"
            name="action"
            defaultValue={filter.action}
            // i18n-ignore: an audit action's prefix, not words
            placeholder="user."
            className="w-40"
          />
          <FilterError messages={errors.action} />
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor="target">{t("filter.target")}</Label>
          <Input id="target" name="target" defaultValue={filter.target} className="w-56" />
          <FilterError messages={errors.target} />
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor="from">{t("filter.from")}</Label>
          <Input id="from" name="from" type="date" defaultValue={filter.from} />
          <FilterError messages={errors.from} />
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor="to">{t("filter.to")}</Label>
          <Input id="to" name="to" type="date" defaultValue={filter.to} />
          <FilterError messages={errors.to} />
        </div>
        <Button type="submit" variant="secondary">
          {t("filter.submit")}
        </Button>
        <Button asChild variant="outline">
          <a
            href={`/api/admin/audit/export?${new URLSearchParams(
              Object.entries(filter).filter((entry): entry is [string, string] => Boolean(entry[1])),
            ).toString()}`}
          >
            {t("export")}
          </a>
        </Button>
      </form>
      {parsed.success ? (
        <AuditTable events={await listAuditEvents({ ...parsed.data, limit: 500 })} />
      ) : (
        <p className="text-destructive text-sm">{t("invalidFilter")}</p>
      )}
    </>
  );
}
