import { LayoutTemplate } from "lucide-react";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { QuotaBars } from "@/components/quota-bars";
import { listSshKeys } from "@/db/queries/ssh-keys";
import { listEnabledTemplates } from "@/db/queries/templates";
import { getCurrentUser } from "@/lib/authz/current-user";
import { getQuotaStatus } from "@/lib/quotas/effective-quota";
import { getSetting } from "@/lib/settings/settings";
import { CreateVmForm } from "./create-vm-form";

export const metadata: Metadata = { title: "New VM" };

export default async function NewVmPage() {
  const user = await getCurrentUser();
  if (!user) notFound();
  const [templates, limits, status, keys] = await Promise.all([
    listEnabledTemplates(),
    getSetting("vm.limits"),
    getQuotaStatus(user.id),
    listSshKeys({ userId: user.id }),
  ]);
  return (
    <>
      <PageHeader title="New VM" description="Pick a template and a size within your quota." />
      <QuotaBars quota={status.quota} usage={status.usage} />
      {templates.length === 0 ? (
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
        />
      )}
    </>
  );
}
