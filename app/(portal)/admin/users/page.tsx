import { Users } from "lucide-react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { listUsers } from "@/db/queries/users";
import { getUserWith } from "@/lib/authz/current-user";
import { can } from "@/lib/authz/permissions";
import { DisableButton } from "./disable-button";

export async function generateMetadata() {
  const t = await getTranslations("adminUsers");
  return { title: t("title") };
}

export default async function UsersPage({ searchParams }: { searchParams: Promise<{ q?: string }> }) {
  const viewer = await getUserWith("admin:read");
  if (!viewer) notFound();
  const t = await getTranslations("adminUsers");
  const { q } = await searchParams;
  const people = await listUsers({ search: q?.trim() || undefined });
  const canChange = can(viewer.role, "admin:write");
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <form method="get" className="flex max-w-md gap-2">
        <Input
          name="q"
          defaultValue={q}
          placeholder={t("search.placeholder")}
          aria-label={t("search.label")}
        />
        <Button type="submit" variant="secondary">
          {t("search.button")}
        </Button>
      </form>
      {people.length === 0 ? (
        <EmptyState icon={Users} title={q ? t("empty.noMatchTitle") : t("empty.noneTitle")}>
          {q ? t("empty.noMatch") : t("empty.none")}
        </EmptyState>
      ) : (
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>{t("table.name")}</TableHead>
              <TableHead>{t("table.username")}</TableHead>
              <TableHead>{t("table.role")}</TableHead>
              <TableHead>{t("table.status")}</TableHead>
              <TableHead className="text-end">{t("table.access")}</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {people.map((person) => (
              <TableRow key={person.id} data-testid={`user-row-${person.username ?? person.id}`}>
                <TableCell>
                  <Link
                    className="font-medium underline-offset-4 hover:underline"
                    href={`/admin/users/${person.id}`}
                  >
                    {person.name ?? person.username ?? person.id}
                  </Link>
                  <div className="text-xs text-muted-foreground">{person.email}</div>
                </TableCell>
                <TableCell className="font-mono text-xs">{person.username ?? "—"}</TableCell>
                <TableCell>
                  <Badge variant="secondary">{t(`roles.${person.role}`)}</Badge>
                </TableCell>
                <TableCell>
                  {person.disabled ? <Badge variant="destructive">{t("disabled")}</Badge> : t("active")}
                </TableCell>
                <TableCell>
                  <DisableButton
                    userId={person.id}
                    disabled={person.disabled}
                    canChange={canChange && person.id !== viewer.id}
                  />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </>
  );
}
