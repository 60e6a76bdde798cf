import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/page-header";
import { getUserWith } from "@/lib/authz/current-user";
import { can } from "@/lib/authz/permissions";
import { ClusterForm } from "../cluster-form";

export const metadata: Metadata = { title: "Add cluster" };

export default async function NewClusterPage() {
  const viewer = await getUserWith("admin:read");
  if (!viewer) notFound();
  return (
    <>
      <PageHeader
        title="Add cluster"
        description="Create an API token in Proxmox VE (Datacenter → Permissions → API Tokens) and give it here. Test the connection before saving."
      />
      <ClusterForm canChange={can(viewer.role, "admin:write")} />
    </>
  );
}
