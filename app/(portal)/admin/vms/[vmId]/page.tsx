import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/page-header";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { VmStateBadge } from "@/components/vm-state-badge";
import { getUserById, listUsers } from "@/db/queries/users";
import { listVmEvents } from "@/db/queries/vm-events";
import { getVmById } from "@/db/queries/vms";
import { getUserWith } from "@/lib/authz/current-user";
import { can } from "@/lib/authz/permissions";
import { AdminVmActions } from "./admin-vm-actions";

export const metadata: Metadata = { title: "VM (admin)" };

export default async function AdminVmPage({ params }: { params: Promise<{ vmId: string }> }) {
  const viewer = await getUserWith("admin:read");
  if (!viewer) notFound();
  const { vmId } = await params;
  const vm = /^[0-9a-f-]{36}$/.test(vmId) ? await getVmById({ id: vmId }) : null;
  if (!vm || vm.state === "deleted") notFound();
  const [owner, people, events] = await Promise.all([
    getUserById({ id: vm.ownerId }),
    listUsers(),
    listVmEvents({ vmId: vm.id, limit: 20 }),
  ]);
  const canChange = can(viewer.role, "admin:write");
  const facts: [string, string][] = [
    ["Owner", owner ? `${owner.name ?? owner.username} (${owner.email ?? "no e-mail"})` : vm.ownerId],
    [
      "Where",
      `${vm.clusterId} · ${vm.node ?? "—"} · VM ${vm.vmid ?? "—"}${vm.pool ? ` · pool ${vm.pool}` : ""}`,
    ],
    ["Size", `${vm.cores} cores · ${vm.memoryMb / 1024} GiB memory · ${vm.diskGb} GiB disk`],
    ["Lease", vm.leaseExempt ? "exempt" : (vm.leaseExpiresAt?.toISOString().slice(0, 10) ?? "—")],
  ];
  return (
    <>
      <PageHeader
        title={vm.name}
        description={<VmStateBadge state={vm.state} />}
        actions={
          vm.state === "running" && viewer.role === "admin" ? (
            <Button asChild variant="outline">
              <Link href={`/vms/${vm.id}/console`}>Console</Link>
            </Button>
          ) : undefined
        }
      />
      <Card>
        <CardContent>
          <dl className="grid grid-cols-[6rem_1fr] gap-y-2 text-sm">
            {facts.map(([label, value]) => (
              <div key={label} className="contents">
                <dt className="text-muted-foreground">{label}</dt>
                <dd data-testid={`admin-vm-${label.toLowerCase()}`}>{value}</dd>
              </div>
            ))}
          </dl>
        </CardContent>
      </Card>
      <AdminVmActions
        vm={{
          id: vm.id,
          name: vm.name,
          state: vm.state,
          ownerId: vm.ownerId,
          leaseEndsOn: vm.leaseExpiresAt?.toISOString().slice(0, 10) ?? null,
          exempt: vm.leaseExempt,
        }}
        people={people
          .filter((person) => !person.disabled)
          .map((person) => ({
            id: person.id,
            label: person.name ?? person.username ?? person.email ?? person.id,
          }))}
        canChange={canChange}
      />
      <Card>
        <CardHeader>
          <CardTitle>Timeline</CardTitle>
        </CardHeader>
        <CardContent>
          <ol className="grid gap-1 text-sm">
            {events.map((event) => (
              <li key={event.id}>
                <span className="text-muted-foreground">
                  {event.at.toISOString().replace("T", " ").slice(0, 16)}
                </span>{" "}
                {event.message} <span className="text-muted-foreground">— {event.actorLabel}</span>
              </li>
            ))}
          </ol>
        </CardContent>
      </Card>
    </>
  );
}
