import { Server } from "lucide-react";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { QuotaBars } from "@/components/quota-bars";
import { getCurrentUser } from "@/lib/authz/current-user";
import { getQuotaStatus } from "@/lib/quotas/effective-quota";

export const metadata: Metadata = { title: "Your VMs" };

export default async function VmsPage() {
  const user = await getCurrentUser();
  if (!user) notFound();
  const status = await getQuotaStatus(user.id);
  return (
    <>
      <PageHeader
        title="Your VMs"
        description="Your virtual machines, and how much of your quota they use."
      />
      <QuotaBars quota={status.quota} usage={status.usage} />
      <EmptyState icon={Server} title="No virtual machines yet">
        Machines you create appear here with their state, address and lease. Creating machines from the
        templates your administrators approve arrives with the next release of this portal.
      </EmptyState>
    </>
  );
}
