import { Disc, LayoutTemplate } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { QuotaBars } from "@/components/quota-bars";
import { listEnabledIsos } from "@/db/queries/isos";
import { listEnabledNetworks } from "@/db/queries/networks";
import { listSshKeys } from "@/db/queries/ssh-keys";
import { listEnabledTemplates } from "@/db/queries/templates";
import { getCurrentUser } from "@/lib/authz/current-user";
import { getQuotaStatus } from "@/lib/quotas/effective-quota";
import { getSetting } from "@/lib/settings/settings";
import { cn } from "@/lib/utils";
import { CreateVmForm } from "./create-vm-form";
import { IsoVmForm } from "./iso-vm-form";

export const metadata: Metadata = { title: "New VM" };

export default async function NewVmPage({ searchParams }: { searchParams: Promise<{ source?: string }> }) {
  const user = await getCurrentUser();
  if (!user) notFound();
  const fromIso = (await searchParams).source === "iso";
  const [templates, isos, networks, limits, hardware, status, keys] = await Promise.all([
    listEnabledTemplates(),
    listEnabledIsos(),
    listEnabledNetworks(),
    getSetting("vm.limits"),
    getSetting("vm.hardware"),
    getQuotaStatus(user.id),
    listSshKeys({ userId: user.id }),
  ]);
  const networkChoices = networks.map(({ id, label }) => ({ id, label }));
  const tab = (active: boolean) =>
    cn(
      "rounded-md px-3 py-1.5 text-sm",
      active ? "bg-accent font-medium" : "text-muted-foreground hover:bg-accent",
    );
  return (
    <>
      <PageHeader title="New VM" description="Pick a template and a size within your quota." />
      <QuotaBars quota={status.quota} usage={status.usage} />
      <nav className="flex gap-1" aria-label="How to make the VM">
        <Link href="/vms/new" className={tab(!fromIso)} aria-current={fromIso ? undefined : "page"}>
          From a template
        </Link>
        <Link href="/vms/new?source=iso" className={tab(fromIso)} aria-current={fromIso ? "page" : undefined}>
          Install from an ISO
        </Link>
      </nav>
      {fromIso ? (
        isos.length === 0 ? (
          <EmptyState icon={Disc} title="No installer ISOs yet">
            Your administrators have not approved any ISO. Ask them to approve one in Admin.
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
        <EmptyState icon={LayoutTemplate} title="No templates yet">
          Your administrators have not approved any template. Ask them to approve one in Admin.
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
        />
      )}
    </>
  );
}
