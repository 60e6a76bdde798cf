import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/page-header";
import { listUsers } from "@/db/queries/users";
import { getUserWith } from "@/lib/authz/current-user";
import { can } from "@/lib/authz/permissions";
import { listAdoptableVms } from "@/lib/vms/adopt-vm";
import { AdoptList } from "./adopt-list";

export const metadata: Metadata = { title: "Adopt a VM" };

export default async function AdoptPage() {
  const viewer = await getUserWith("admin:read");
  if (!viewer) notFound();
  const [{ vms, unreachable }, people] = await Promise.all([listAdoptableVms(), listUsers()]);
  return (
    <>
      <PageHeader
        title="Adopt a VM"
        description="VMs on the clusters that the portal does not manage yet (templates and ignored pools left out). Give one an owner to bring it in; nothing changes on Proxmox."
      />
      {unreachable.length > 0 && (
        <p role="alert" className="text-sm text-destructive">
          Could not reach: {unreachable.join(", ")}.
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
