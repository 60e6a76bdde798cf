import { Server } from "lucide-react";
import type { Metadata } from "next";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { displayName, getCurrentUser } from "@/lib/authz/current-user";

export const metadata: Metadata = { title: "Your VMs" };

export default async function VmsPage() {
  const user = await getCurrentUser();
  return (
    <>
      <PageHeader title="Your VMs" description={user ? `Signed in as ${displayName(user)}.` : undefined} />
      <EmptyState icon={Server} title="No virtual machines yet">
        Machines you create appear here with their state, address and lease. Creating machines from the
        templates your administrators approve arrives with the next release of this portal.
      </EmptyState>
    </>
  );
}
