import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/page-header";
import { listUsers } from "@/db/queries/users";
import { getUserWith } from "@/lib/authz/current-user";
import { can } from "@/lib/authz/permissions";
import { listAdoptableVms } from "@/lib/vms/adopt-vm";
import { AdoptList } from "./adopt-list";

export async function generateMetadata() {
  const t = await getTranslations("adminVms.adopt");
  return { title: t("title") };
}

export default async function AdoptPage() {
  const viewer = await getUserWith("admin:read");
  if (!viewer) notFound();
  const [{ vms, unreachable }, people, t] = await Promise.all([
    listAdoptableVms(),
    listUsers(),
    getTranslations("adminVms.adopt"),
  ]);
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      {unreachable.length > 0 && (
        <p role="alert" className="text-sm text-destructive">
          {t("unreachable", { clusters: unreachable.join(", ") })}
        </p>
      )}
      <AdoptList
        vms={vms}
        people={people
          .filter((person) => !person.disabled)
          .map((person) => ({
            id: person.id,
            label: person.name ?? person.username ?? person.email ?? person.id,
          }))}
        canChange={can(viewer.role, "admin:write")}
      />
    </>
  );
}
