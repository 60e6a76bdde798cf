import { Plus, Server } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AutoRefresh } from "@/components/auto-refresh";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { QuotaBars } from "@/components/quota-bars";
import { Button } from "@/components/ui/button";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { VmStateBadge } from "@/components/vm-state-badge";
import { listVmsForOwner } from "@/db/queries/vms";
import { getCurrentUser } from "@/lib/authz/current-user";
import { formatDay, formatGiB, formatMemory } from "@/lib/format";
import { daysLeft } from "@/lib/leases/lease-dates";
import { getQuotaStatus } from "@/lib/quotas/effective-quota";
import { withLiveState } from "@/lib/vms/live-state";
import { RenewButton } from "./renew-button";

export const metadata: Metadata = { title: "Your VMs" };

const stateFilters = ["running", "stopped", "paused", "provisioning", "failed", "missing"] as const;

export default async function VmsPage({
  searchParams,
}: {
  searchParams: Promise<{ q?: string; state?: string }>;
}) {
  const user = await getCurrentUser();
  if (!user) notFound();
  const { q, state } = await searchParams;
  const [status, records] = await Promise.all([
    getQuotaStatus(user.id),
    listVmsForOwner({ ownerId: user.id }),
  ]);
  const { vms: all, unreachable } = await withLiveState(records);
  const vms = all
    .filter((vm) => !q || vm.name.includes(q.toLowerCase()) || vm.ipAddress?.includes(q))
    .filter((vm) => !state || (vm.live ?? vm.state) === state);
  return (
    <>
      <AutoRefresh />
      <PageHeader
        title="Your VMs"
        description="Your virtual machines, and how much of your quota they use."
        actions={
          <Button asChild>
            <Link href="/vms/new">
              <Plus />
              New VM
            </Link>
          </Button>
        }
      />
      <QuotaBars quota={status.quota} usage={status.usage} />
      {unreachable.length > 0 && (
        <p role="status" className="text-sm text-destructive">
          The cluster is not answering right now; states shown are the last ones Roost knew.
        </p>
      )}
      {all.length === 0 ? (
        <EmptyState icon={Server} title="No virtual machines yet">
          Create one from a template your administrators approved: pick a size, and it starts with your user
          and SSH keys in a minute or two.{" "}
          <Link className="underline" href="/vms/new">
            Create your first VM
          </Link>
          .
        </EmptyState>
      ) : (
        <>
          <form method="get" className="flex max-w-lg gap-2">
            <select
              name="state"
              defaultValue={state ?? ""}
              aria-label="Filter by state"
              className="h-9 rounded-md border bg-transparent px-2 text-sm"
            >
              <option value="">All states</option>
              {stateFilters.map((option) => (
                <option key={option}>{option}</option>
              ))}
            </select>
            <input
              name="q"
              defaultValue={q}
              placeholder="Search by name or address"
              aria-label="Search VMs"
              className="h-9 w-full rounded-md border bg-transparent px-3 text-sm"
            />
            <button type="submit" className="h-9 rounded-md border px-3 text-sm">
              Filter
            </button>
          </form>
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>Name</TableHead>
                <TableHead>State</TableHead>
                <TableHead>Size</TableHead>
                <TableHead>Address</TableHead>
                <TableHead>Server</TableHead>
                <TableHead>Lease ends</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {vms.map((vm) => (
                <TableRow key={vm.id} data-testid={`vm-row-${vm.name}`}>
                  <TableCell>
                    <Link className="font-medium underline-offset-4 hover:underline" href={`/vms/${vm.id}`}>
                      {vm.name}
                    </Link>
                    {vm.stateDetail && (
                      <div className="text-xs text-muted-foreground">
                        {vm.stateDetail}
                        {vm.progress !== null ? ` · ${vm.progress}%` : ""}
                      </div>
                    )}
                  </TableCell>
                  <TableCell>
                    <VmStateBadge state={vm.live ?? vm.state} />
                  </TableCell>
                  <TableCell className="text-sm">
                    {vm.cores} cores · {formatMemory(vm.memoryMb)} · {formatGiB(vm.diskGb)}
                  </TableCell>
                  <TableCell className="font-mono text-xs">{vm.ipAddress ?? "—"}</TableCell>
                  <TableCell className="text-xs">{vm.node ?? "—"}</TableCell>
                  <TableCell className="text-xs" data-testid="vm-lease">
                    <div className="flex flex-wrap items-center gap-2">
                      <span>
                        {vm.leaseExempt
                          ? "never (exempt)"
                          : vm.leaseExpiresAt
                            ? `${formatDay(vm.leaseExpiresAt)} (${daysLeft(vm.leaseExpiresAt)} d)`
                            : "—"}
                      </span>
                      {vm.idleSince && <span className="text-muted-foreground">idle</span>}
                      {!vm.leaseExempt &&
                        vm.leaseExpiresAt &&
                        ["running", "stopped", "paused", "missing"].includes(vm.state) &&
                        daysLeft(vm.leaseExpiresAt) <= 30 && <RenewButton vmId={vm.id} name={vm.name} />}
                    </div>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </>
      )}
    </>
  );
}
