import { GraduationCap } from "lucide-react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { listProjectsOfUser } from "@/db/queries/projects";
import { getCurrentUser } from "@/lib/authz/current-user";
import { can } from "@/lib/authz/permissions";
import { listCohortsFor } from "@/lib/cohorts/teacher-view";

export async function generateMetadata() {
  const t = await getTranslations("cohorts.list");
  return { title: t("title") };
}

export default async function CohortsPage() {
  const user = await getCurrentUser();
  if (!user) notFound();
  const owned = (await listProjectsOfUser({ userId: user.id })).some(({ role }) => role === "owner");
  const mayCreate = can(user.role, "admin:write") || owned;
  const [cohorts, t, format] = await Promise.all([
    listCohortsFor(user),
    getTranslations("cohorts.list"),
    getFormatter(),
  ]);
  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          mayCreate && (
            <Button asChild>
              <Link href="/cohorts/new">{t("newClass")}</Link>
            </Button>
          )
        }
      />
      {cohorts.length === 0 ? (
        <EmptyState icon={GraduationCap} title={t("emptyTitle")}>
          {mayCreate ? t("emptyMayCreate") : t("emptyMayNotCreate")}
        </EmptyState>
      ) : (
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>{t("class")}</TableHead>
              <TableHead>{t("template")}</TableHead>
              <TableHead>{t("students")}</TableHead>
              <TableHead>{t("vmsMade")}</TableHead>
              <TableHead>{t("ends")}</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {cohorts.map(({ cohort, templateLabel, seats, ready, failed }) => (
              <TableRow key={cohort.id} data-testid={`cohort-${cohort.slug}`}>
                <TableCell>
                  <Link
                    className="font-medium underline-offset-4 hover:underline"
                    href={`/cohorts/${cohort.id}`}
                  >
                    {cohort.name}
                  </Link>
                  {cohort.endedAt && (
                    <Badge variant="secondary" className="ms-2">
                      {t("ended")}
                    </Badge>
                  )}
                </TableCell>
                <TableCell>{templateLabel}</TableCell>
                <TableCell>{seats}</TableCell>
                <TableCell>
                  {t("madeOf", { ready, seats })}
                  {failed > 0 && (
                    <Badge variant="destructive" className="ms-2">
                      {t("failed", { count: failed })}
                    </Badge>
                  )}
                </TableCell>
                <TableCell>
                  <time dateTime={cohort.endsAt.toISOString()}>
                    {format.dateTime(cohort.endsAt, { dateStyle: "medium", timeZone: cohort.timeZone })}
                  </time>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </>
  );
}
