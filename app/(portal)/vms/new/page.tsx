import { Disc, LayoutTemplate } from "lucide-react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { QuotaBars } from "@/components/quota-bars";
import { listEnabledIsos } from "@/db/queries/isos";
import { listEnabledNetworks } from "@/db/queries/networks";
import { listProjectsOfUser } from "@/db/queries/projects";
import { listSshKeys } from "@/db/queries/ssh-keys";
import { listEnabledTemplates } from "@/db/queries/templates";
import { getCurrentUser } from "@/lib/authz/current-user";
import { getQuotaStatus } from "@/lib/quotas/effective-quota";
import { userAccount } from "@/lib/quotas/quota-account";
import { getSetting } from "@/lib/settings/settings";
import { cn } from "@/lib/utils";
import { CreateVmForm } from "./create-vm-form";
import { IsoVmForm } from "./iso-vm-form";

export async function generateMetadata() {
  const t = await getTranslations("createVm");
  return { title: t("title") };
}

export default async function NewVmPage({ searchParams }: { searchParams: Promise<{ source?: string }> }) {
  const user = await getCurrentUser();
  if (!user) notFound();
  const fromIso = (await searchParams).source === "iso";
  const t = await getTranslations("createVm");
  const [templates, isos, networks, limits, hardware, status, keys] = await Promise.all([
    listEnabledTemplates(),
    listEnabledIsos(),
    listEnabledNetworks(),
    getSetting("vm.limits"),
    getSetting("vm.hardware"),
    getQuotaStatus(userAccount(user.id)),
    listSshKeys({ userId: user.id }),
  ]);
  const projects = (await listProjectsOfUser({ userId: user.id }))
    .filter((membership) => membership.role !== "viewer")
    .map(({ project }) => ({ id: project.id, name: project.name }));
  const networkChoices = networks.map(({ id, label }) => ({ id, label }));
  const tab = (active: boolean) =>
    cn(
      "rounded-md px-3 py-1.5 text-sm",
      active ? "bg-accent font-medium" : "text-muted-foreground hover:bg-accent",
    );
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <QuotaBars quota={status.quota} usage={status.usage} />
      <nav className="flex gap-1" aria-label={t("tabs.label")}>
        <Link href="/vms/new" className={tab(!fromIso)} aria-current={fromIso ? undefined : "page"}>
          {t("tabs.template")}
        </Link>
        <Link href="/vms/new?source=iso" className={tab(fromIso)} aria-current={fromIso ? "page" : undefined}>
          {t("tabs.iso")}
        </Link>
      </nav>
      {fromIso ? (
        isos.length === 0 ? (
          <EmptyState icon={Disc} title={t("noIsos.title")}>
            {t("noIsos.body")}
          </EmptyState>
        ) : (
          <IsoVmForm
            networks={networkChoices}
            isos={isos.map(({ id, label }) => ({ id, label }))}
            limits={limits}
            hardware={hardware}
          />
        )
      ) : templates.length === 0 ? (
        <EmptyState icon={LayoutTemplate} title={t("noTemplates.title")}>
          {t("noTemplates.body")}
        </EmptyState>
      ) : (
        <CreateVmForm
          templates={templates.map(({ id, label, os, defaultUser, minDiskGb }) => ({
            id,
            label,
            os,
            defaultUser,
            minDiskGb,
          }))}
          limits={limits}
          keyCount={keys.length}
          networks={networkChoices}
          projects={projects}
        />
      )}
    </>
  );
}
