import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { type ReactNode, Suspense } from "react";
import { AutoRefresh } from "@/components/auto-refresh";
import { PageHeader } from "@/components/page-header";
import { Time } from "@/components/time";
import { Card, CardContent } from "@/components/ui/card";
import { Progress } from "@/components/ui/progress";
import { VmStateBadge } from "@/components/vm-state-badge";
import { VmTimelineCard } from "@/components/vm-timeline-card";
import { getVmForOwner } from "@/db/queries/vms";
import { getCurrentUser } from "@/lib/authz/current-user";
import { formatDay, formatGiB, formatMemory, formatMinute } from "@/lib/format";
import { idleDays } from "@/lib/leases/idle";
import { daysLeft, deleteDate, renewedLeaseEnd } from "@/lib/leases/lease-dates";
import { checkRenewToken } from "@/lib/leases/renew-link";
import { loadVmDetail } from "@/lib/vms/vm-detail";
import { GuestAddresses } from "./guest-addresses";
import { LeaseCard, type LeaseFacts } from "./lease-card";
import { MediaCard } from "./media-card";
import { ResizeForm } from "./resize-form";
import { RetryCard } from "./retry-card";
import { SnapshotsCard } from "./snapshots-card";
import { TasksCard } from "./tasks-card";
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
  const { range: rangeParam, renew: renewToken } = await searchParams;
  const range: Range = rangeParam === "day" || rangeParam === "week" ? rangeParam : "hour";
  const detail = await loadVmDetail(vm, user, range);
  const { ready, state, policy, addressing } = detail;
  const lease: LeaseFacts = {
    endsOn: vm.leaseExpiresAt ? formatDay(vm.leaseExpiresAt) : null,
    daysLeft: vm.leaseExpiresAt ? daysLeft(vm.leaseExpiresAt) : null,
    renewsTo: formatDay(renewedLeaseEnd(vm.leaseExpiresAt, policy)),
    exempt: vm.leaseExempt,
    stoppedByLease: Boolean(vm.leaseStoppedAt),
    deletesOn: vm.leaseExpiresAt ? formatDay(deleteDate(vm.leaseExpiresAt, policy)) : null,
    idleDays: idleDays(vm.idleSince),
    link: renewToken ? checkRenewToken(renewToken, vm) : null,
  };
  const recordedAddress = addressing?.address ?? vm.ipAddress ?? "—";
  const facts: [string, ReactNode][] = [
    [
      "Address",
      detail.reachable && state === "running" ? (
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
    ["Size", `${vm.cores} cores · ${formatMemory(vm.memoryMb)} memory · ${formatGiB(vm.diskGb)} disk`],
    ["Server", vm.node ? `${vm.node} (VM ${vm.vmid})` : "—"],
    ["Created", <Time key="created" at={vm.createdAt} />],
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
              <Progress value={vm.progress ?? 5} className="bg-muted" aria-hidden />
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
      {ready && <VmMetrics vmId={vm.id} range={range} points={detail.points} running={state === "running"} />}
      {ready && (
        <ResizeForm
          vmId={vm.id}
          size={{ cores: vm.cores, memoryMb: vm.memoryMb, diskGb: vm.diskGb }}
          limits={detail.limits}
        />
      )}
      {ready && <MediaCard vmId={vm.id} isos={detail.isos.map(({ id, label }) => ({ id, label }))} />}
      {ready && (
        <SnapshotsCard
          vmId={vm.id}
          remaining={detail.quota.remaining.snapshots}
          snapshots={
            detail.snapshots?.map((snapshot) => ({
              name: snapshot.name,
              description: snapshot.description ?? "",
              takenAt: snapshot.snaptime ? formatMinute(snapshot.snaptime * 1000) : null,
            })) ?? null
          }
        />
      )}
      {detail.tasks.length > 0 && <TasksCard tasks={detail.tasks} />}
      <VmTimelineCard events={detail.events} />
    </>
  );
}
