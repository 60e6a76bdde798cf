import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { type ReactNode, Suspense } from "react";
import { AutoRefresh } from "@/components/auto-refresh";
import { PageHeader } from "@/components/page-header";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { VmStateBadge } from "@/components/vm-state-badge";
import { listEnabledIsos } from "@/db/queries/isos";
import { listVmEvents } from "@/db/queries/vm-events";
import { getVmForOwner } from "@/db/queries/vms";
import { getCurrentUser } from "@/lib/authz/current-user";
import { getProxmoxClient } from "@/lib/clusters/client-registry";
import { getVmAddressing } from "@/lib/ipam/vm-addressing";
import { idleDays } from "@/lib/leases/idle";
import { daysLeft, renewedLeaseEnd } from "@/lib/leases/lease-dates";
import { checkRenewToken } from "@/lib/leases/renew-link";
import { vmUsageHistory } from "@/lib/proxmox/rrd-history";
import { getQuotaStatus } from "@/lib/quotas/effective-quota";
import { getSetting } from "@/lib/settings/settings";
import { withLiveState } from "@/lib/vms/live-state";
import { listRecentTasks } from "@/lib/vms/recent-tasks";
import { listOwnedSnapshots } from "@/lib/vms/snapshots";
import { GuestAddresses } from "./guest-addresses";
import { LeaseCard, type LeaseFacts } from "./lease-card";
import { MediaCard } from "./media-card";
import { ResizeForm } from "./resize-form";
import { RetryCard } from "./retry-card";
import { SnapshotsCard } from "./snapshots-card";
import { VmControls } from "./vm-controls";
import { type Range, VmMetrics } from "./vm-metrics";

export const metadata: Metadata = { title: "VM" };

export default async function VmPage({
  params,
  searchParams,
}: {
  params: Promise<{ vmId: string }>;
  searchParams: Promise<{ range?: string; renew?: string }>;
}) {
  const user = await getCurrentUser();
  if (!user) notFound();
  const { vmId } = await params;
  const vm = /^[0-9a-f-]{36}$/.test(vmId) ? await getVmForOwner({ id: vmId, ownerId: user.id }) : null;
  if (!vm || vm.state === "deleted") notFound();
  const events = await listVmEvents({ vmId: vm.id, limit: 50 });
  const ready = vm.vmid !== null && !["provisioning", "failed"].includes(vm.state);
  const { range: rangeParam, renew: renewToken } = await searchParams;
  const range: Range = rangeParam === "day" || rangeParam === "week" ? rangeParam : "hour";
  const client = ready ? await getProxmoxClient(vm.clusterId) : null;
  const [snapshots, quota, points, tasks, isos, live, policy, addressing] = await Promise.all([
    ready ? listOwnedSnapshots(vm.id, user.id).catch(() => null) : Promise.resolve([]),
    getQuotaStatus(user.id),
    client ? vmUsageHistory(client, vm.node!, vm.vmid!, range).catch(() => null) : Promise.resolve(null),
    client ? listRecentTasks(client, vm.node!, vm.vmid!) : Promise.resolve([]),
    listEnabledIsos(),
    withLiveState([vm]).then(({ vms: [found] }) => found?.live ?? null),
    getSetting("lease.policy"),
    getVmAddressing(vm.id),
  ]);
  const limits = await getSetting("vm.limits");
  const day = (date: Date) => date.toISOString().slice(0, 10);
  const lease: LeaseFacts = {
    endsOn: vm.leaseExpiresAt ? day(vm.leaseExpiresAt) : null,
    daysLeft: vm.leaseExpiresAt ? daysLeft(vm.leaseExpiresAt) : null,
    renewsTo: day(renewedLeaseEnd(vm.leaseExpiresAt, policy)),
    exempt: vm.leaseExempt,
    stoppedByLease: Boolean(vm.leaseStoppedAt),
    deletesOn: vm.leaseExpiresAt
      ? day(new Date(vm.leaseExpiresAt.getTime() + policy.graceDays * 24 * 60 * 60 * 1000))
      : null,
    idleDays: idleDays(vm.idleSince),
    link: renewToken ? checkRenewToken(renewToken, vm) : null,
  };
  // What the cluster says now wins over the record: a VM paused or stopped outside Roost shows so.
  const state = live && live !== "missing" ? live : vm.state;
  const recordedAddress = addressing?.address ?? vm.ipAddress ?? "—";
  const facts: [string, ReactNode][] = [
    [
      "Address",
      client && state === "running" ? (
        <Suspense key="address" fallback={recordedAddress}>
          <GuestAddresses
            clusterId={vm.clusterId}
            node={vm.node!}
            vmid={vm.vmid!}
            fallback={recordedAddress}
          />
        </Suspense>
      ) : (
        recordedAddress
      ),
    ],
    ...(addressing ? [["Hostname", addressing.fqdn] as [string, string]] : []),
    ["Size", `${vm.cores} cores · ${vm.memoryMb / 1024} GiB memory · ${vm.diskGb} GiB disk`],
    ["Server", vm.node ? `${vm.node} (VM ${vm.vmid})` : "—"],
    ["Created", vm.createdAt.toISOString().replace("T", " ").slice(0, 16)],
  ];
  return (
    <>
      {vm.state === "provisioning" && <AutoRefresh intervalMs={2000} />}
      <PageHeader title={vm.name} description={<VmStateBadge state={state} />} />
      {vm.stateDetail && (
        <Card className="gap-3 py-4">
          <CardContent className="grid gap-2">
            <p className="text-sm" data-testid="vm-progress-text">
              {vm.stateDetail}
            </p>
            {vm.state === "provisioning" && (
              <div className="h-2 overflow-hidden rounded-full bg-muted" aria-hidden>
                <div className="h-full bg-primary transition-all" style={{ width: `${vm.progress ?? 5}%` }} />
              </div>
            )}
          </CardContent>
        </Card>
      )}
      <Card>
        <CardContent>
          <dl className="grid grid-cols-[7rem_1fr] gap-y-2 text-sm">
            {facts.map(([label, value]) => (
              <div key={label} className="contents">
                <dt className="text-muted-foreground">{label}</dt>
                <dd data-testid={`vm-${label.toLowerCase()}`}>{value}</dd>
              </div>
            ))}
          </dl>
        </CardContent>
      </Card>
      {vm.state === "failed" && vm.templateId && <RetryCard vmId={vm.id} />}
      <VmControls vmId={vm.id} name={vm.name} state={state} />
      {vm.state !== "failed" && <LeaseCard vmId={vm.id} facts={lease} />}
      {ready && <VmMetrics vmId={vm.id} range={range} points={points} />}
      {ready && (
        <ResizeForm
          vmId={vm.id}
          size={{ cores: vm.cores, memoryMb: vm.memoryMb, diskGb: vm.diskGb }}
          limits={limits}
        />
      )}
      {ready && (
        <MediaCard
          vmId={vm.id}
          isos={isos.filter((iso) => iso.clusterId === vm.clusterId).map(({ id, label }) => ({ id, label }))}
        />
      )}
      {ready && (
        <SnapshotsCard
          vmId={vm.id}
          remaining={quota.remaining.snapshots}
          snapshots={
            snapshots?.map((snapshot) => ({
              name: snapshot.name,
              description: snapshot.description ?? "",
              takenAt: snapshot.snaptime
                ? new Date(snapshot.snaptime * 1000).toISOString().replace("T", " ").slice(0, 16)
                : null,
            })) ?? null
          }
        />
      )}
      {tasks.length > 0 && (
        <Card>
          <CardHeader>
            <CardTitle>Recent tasks on Proxmox</CardTitle>
          </CardHeader>
          <CardContent>
            <ul className="grid gap-1 text-sm">
              {tasks.map((task) => (
                <li key={task.key} className="flex gap-3">
                  <span className="w-36 shrink-0 font-mono text-xs text-muted-foreground">
                    {task.startedAt ?? ""}
                  </span>
                  <span className="font-mono text-xs">{task.type}</span>
                  <span className={task.status === "OK" ? "text-muted-foreground" : "text-destructive"}>
                    {task.status}
                  </span>
                </li>
              ))}
            </ul>
          </CardContent>
        </Card>
      )}
      <Card>
        <CardHeader>
          <CardTitle>Timeline</CardTitle>
        </CardHeader>
        <CardContent>
          <ol className="grid gap-2 text-sm">
            {events.map((event) => (
              <li key={event.id} className="flex gap-3">
                <span className="w-36 shrink-0 font-mono text-xs text-muted-foreground">
                  {event.at.toISOString().replace("T", " ").slice(0, 19)}
                </span>
                <span>{event.message}</span>
                <span className="text-muted-foreground">— {event.actorLabel}</span>
              </li>
            ))}
          </ol>
        </CardContent>
      </Card>
    </>
  );
}
