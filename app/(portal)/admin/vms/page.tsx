import { Server } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { VmStateBadge } from "@/components/vm-state-badge";
import { listAllVms } from "@/db/queries/vms";
import { vmStateEnum } from "@/db/schema";
import { getUserWith } from "@/lib/authz/current-user";
import { can } from "@/lib/authz/permissions";
import { daysLeft } from "@/lib/leases/lease-dates";

export const metadata: Metadata = { title: "All VMs" };

type Search = { owner?: string; state?: string; node?: string; cluster?: string; lease?: string };

export default async function AdminVmsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const viewer = await getUserWith("admin:read");
  if (!viewer) notFound();
  const query = await searchParams;
  const state = vmStateEnum.enumValues.find((value) => value === query.state);
  const leaseWithinDays = /^\d{1,4}$/.test(query.lease ?? "") ? Number(query.lease) : undefined;
  const rows = await listAllVms({
    owner: query.owner?.trim() || undefined,
    state,
    node: query.node?.trim() || undefined,
    clusterId: query.cluster?.trim() || undefined,
    leaseWithinDays,
  });
  return (
    <>
      <PageHeader
        title="All VMs"
        description="Every VM the portal records, whoever owns it. Open one to act on it."
        actions={
          can(viewer.role, "admin:write") ? (
            <Button asChild variant="outline">
              <Link href="/admin/vms/adopt">Adopt a VM</Link>
            </Button>
          ) : undefined
        }
      />
      <form method="get" className="flex flex-wrap items-end gap-2" aria-label="Filter VMs">
        <Input
          name="owner"
          defaultValue={query.owner}
          placeholder="Owner"
          aria-label="Owner"
          className="w-40"
        />
        <select
          name="state"
          defaultValue={state ?? ""}
          aria-label="State"
          className="h-9 rounded-md border bg-background px-2 text-sm"
        >
          <option value="">Any state</option>
          {vmStateEnum.enumValues
            .filter((value) => value !== "deleted")
            .map((value) => (
              <option key={value} value={value}>
                {value}
              </option>
            ))}
        </select>
        <Input name="node" defaultValue={query.node} placeholder="Node" aria-label="Node" className="w-28" />
        <Input
          name="cluster"
          defaultValue={query.cluster}
          placeholder="Cluster"
          aria-label="Cluster"
          className="w-28"
        />
        <select
          name="lease"
          defaultValue={query.lease ?? ""}
          aria-label="Lease"
          className="h-9 rounded-md border bg-background px-2 text-sm"
        >
          <option value="">Any lease</option>
          <option value="0">Ended</option>
          <option value="7">Ending within 7 days</option>
          <option value="30">Ending within 30 days</option>
        </select>
        <Button type="submit" variant="secondary">
          Filter
        </Button>
      </form>
      {rows.length === 0 ? (
        <EmptyState icon={Server} title="No VMs match">
          Change the filters, or adopt a VM that already runs on a cluster.
        </EmptyState>
      ) : (
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>Name</TableHead>
              <TableHead>Owner</TableHead>
              <TableHead>State</TableHead>
              <TableHead>Where</TableHead>
              <TableHead>Size</TableHead>
              <TableHead>Lease ends</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map(({ vm, owner }) => (
              <TableRow key={vm.id} data-testid={`admin-vm-${vm.name}`}>
                <TableCell>
                  <Link className="font-medium hover:underline" href={`/admin/vms/${vm.id}`}>
                    {vm.name}
                  </Link>
                </TableCell>
                <TableCell className="text-sm">{owner.label}</TableCell>
                <TableCell>
                  <VmStateBadge state={vm.state} />
                </TableCell>
                <TableCell className="text-xs">
                  {vm.clusterId} · {vm.node ?? "—"}
                  {vm.vmid !== null && ` · ${vm.vmid}`}
                </TableCell>
                <TableCell className="text-xs">
                  {vm.cores} cores · {vm.memoryMb / 1024} GiB · {vm.diskGb} GiB
                </TableCell>
                <TableCell className="text-xs">
                  {vm.leaseExempt
                    ? "exempt"
                    : vm.leaseExpiresAt
                      ? `${vm.leaseExpiresAt.toISOString().slice(0, 10)} (${daysLeft(vm.leaseExpiresAt)} d)`
                      : "—"}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </>
  );
}
