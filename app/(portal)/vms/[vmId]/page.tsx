import { notFound } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { type ReactNode, Suspense } from "react";
import { LiveVmProgressCard, LiveVmStateBadge, LiveVmsProvider } from "@/components/live-vms";
import { PageHeader } from "@/components/page-header";
import { Time } from "@/components/time";
import { Card, CardContent } from "@/components/ui/card";
import { VmTimelineCard } from "@/components/vm-timeline-card";
import { getCurrentUser } from "@/lib/authz/current-user";
import { allows, vmAccess, vmActions } from "@/lib/authz/vm-access";
import { getVmBackups } from "@/lib/backups/backup-views";
import { isRestoring } from "@/lib/backups/restoring";
import { seatSignInFor } from "@/lib/cohorts/seat-password";
import { formatGiB, formatMemory } from "@/lib/format";
import { idleDays } from "@/lib/leases/idle";
import { daysLeft, deleteDate, renewedLeaseEnd } from "@/lib/leases/lease-dates";
import { checkRenewToken } from "@/lib/leases/renew-link";
import { vmScheduleViewOf } from "@/lib/schedules/schedule-view";
import { loadVmDetail } from "@/lib/vms/vm-detail";
import { PowerScheduleCard } from "../../_schedules/power-schedule-card";
import { backupItems, backupRoom, scheduleView } from "./backups/backup-facts";
import { BackupsCard } from "./backups/backups-card";
import { ClassSignInCard } from "./class-sign-in-card";
import { GuestAddresses } from "./guest-addresses";
import { LeaseCard, type LeaseFacts } from "./lease-card";
import { MediaCard } from "./media-card";
import { ResizeForm } from "./resize-form";
import { RetryCard } from "./retry-card";
import { SharingCard } from "./sharing-card";
import { SnapshotsCard } from "./snapshots-card";
import { TasksCard } from "./tasks-card";
import { VmControls } from "./vm-controls";
import { type Range, VmMetrics } from "./vm-metrics";

export async function generateMetadata() {
  const t = await getTranslations("vmPage");
  return { title: t("metaTitle") };
}

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
  const access = await vmAccess(user, vmId);
  if (!access || !allows(access, "view") || access.vm.state === "deleted") notFound();
  const { vm } = access;
  // Only the buttons the person's access allows are shown; each action checks the rule again anyway.
  const allowed = vmActions.filter((action) => allows(access, action));
  const { range: rangeParam, renew: renewToken } = await searchParams;
  const range: Range = rangeParam === "day" || rangeParam === "week" ? rangeParam : "hour";
  const detail = await loadVmDetail(vm, user, range);
  const { ready, state, policy, addressing } = detail;
  const t = await getTranslations("vmPage");
  const format = await getFormatter();
  const words = { t: await getTranslations(), format, locale: await getLocale() };
  const day = (at: Date) => format.dateTime(at, "day");
  // A failed read of the backups leaves the rest of the page as it is.
  const backups = ready ? await getVmBackups(user, vm.id).catch(() => null) : null;
  const powerSchedule = ready ? await vmScheduleViewOf(access) : null;
  const signIn = await seatSignInFor(user.id, vm);
  const lease: LeaseFacts = {
    endsOn: vm.leaseExpiresAt ? day(vm.leaseExpiresAt) : null,
    daysLeft: vm.leaseExpiresAt ? daysLeft(vm.leaseExpiresAt) : null,
    renewsTo: day(renewedLeaseEnd(vm.leaseExpiresAt, policy)),
    exempt: vm.leaseExempt,
    stoppedByLease: Boolean(vm.leaseStoppedAt),
    deletesOn: vm.leaseExpiresAt ? day(deleteDate(vm.leaseExpiresAt, policy)) : null,
    idleDays: idleDays(vm.idleSince),
    link: renewToken ? checkRenewToken(renewToken, vm) : null,
  };
  const recordedAddress = addressing?.address ?? vm.ipAddress ?? "—";
  // The id names the fact for tests (`vm-address`); the label is the reader's word for it.
  const facts: [string, string, ReactNode][] = [
    [
      "address",
      t("facts.address"),
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
    ...(addressing ? [["hostname", t("facts.hostname"), addressing.fqdn] as [string, string, string]] : []),
    [
      "size",
      t("facts.size"),
      t("facts.sizeValue", {
        cores: vm.cores,
        memory: formatMemory(vm.memoryMb),
        disk: formatGiB(vm.diskGb),
      }),
    ],
    [
      "server",
      t("facts.server"),
      vm.node ? t("facts.serverValue", { node: vm.node, vmid: vm.vmid ?? "" }) : "—",
    ],
    ["created", t("facts.created"), <Time key="created" at={vm.createdAt} />],
  ];
  const rendered = [
    {
      id: vm.id,
      state: vm.state,
      shown: state,
      leaseExpiresAt: vm.leaseExpiresAt?.toISOString() ?? null,
      node: vm.node,
    },
  ];
  return (
    <LiveVmsProvider scope="own" vmId={vm.id} rendered={rendered}>
      <PageHeader title={vm.name} description={<LiveVmStateBadge id={vm.id} initial={state} rule="page" />} />
      <LiveVmProgressCard id={vm.id} state={vm.state} detail={vm.stateDetail} progress={vm.progress} />
      <Card>
        <CardContent>
          <dl className="grid grid-cols-[7rem_1fr] gap-y-2 text-sm">
            {facts.map(([id, label, value]) => (
              <div key={id} className="contents">
                <dt className="text-muted-foreground">{label}</dt>
                <dd data-testid={`vm-${id}`}>{value}</dd>
              </div>
            ))}
          </dl>
        </CardContent>
      </Card>
      {signIn && vm.state !== "failed" && <ClassSignInCard vmId={vm.id} {...signIn} />}
      {vm.state === "failed" && vm.templateId && allows(access, "delete") && <RetryCard vmId={vm.id} />}
      <VmControls
        vmId={vm.id}
        name={vm.name}
        state={state}
        allowed={allowed}
        hasBaseline={vm.baselineSnapshot !== null}
        inClass={vm.cohortId !== null}
      />
      {vm.state !== "failed" && <LeaseCard vmId={vm.id} facts={lease} canRenew={allows(access, "renew")} />}
      {ready && <VmMetrics vmId={vm.id} range={range} points={detail.points} running={state === "running"} />}
      {powerSchedule && (powerSchedule.governing || powerSchedule.mayChange) && (
        <PowerScheduleCard target={{ vmId: vm.id }} {...powerSchedule} />
      )}
      {ready && allows(access, "resize") && (
        <ResizeForm
          vmId={vm.id}
          size={{ cores: vm.cores, memoryMb: vm.memoryMb, diskGb: vm.diskGb }}
          limits={detail.limits}
        />
      )}
      {ready && allows(access, "media") && (
        <MediaCard vmId={vm.id} isos={detail.isos.map(({ id, label }) => ({ id, label }))} />
      )}
      {ready && allows(access, "snapshot") && (
        <SnapshotsCard
          vmId={vm.id}
          remaining={detail.quota.remaining.snapshots}
          snapshots={
            detail.snapshots?.map((snapshot) => ({
              name: snapshot.name,
              description: snapshot.description ?? "",
              takenAt: snapshot.snaptime
                ? format.dateTime(new Date(snapshot.snaptime * 1000), "minute")
                : null,
            })) ?? null
          }
        />
      )}
      {ready && (
        <BackupsCard
          vmId={vm.id}
          vmName={vm.name}
          backups={backups ? backupItems(backups, words) : null}
          targets={backups?.storages.map(({ id, label, modes }) => ({ id, label, modes })) ?? []}
          schedule={backups?.schedule ? scheduleView(backups.schedule, words) : null}
          room={backupRoom(detail.quota.remaining, words)}
          restoring={isRestoring(vm.stateDetail)}
          may={backups?.may ?? { backup: false, restore: false, delete: false }}
          quotaOf={vm.projectId !== null ? "project" : vm.ownerId === user.id ? "own" : "owner"}
        />
      )}
      {detail.tasks.length > 0 && <TasksCard tasks={detail.tasks} />}
      <SharingCard vmId={vm.id} person={{ id: user.id, role: user.role }} />
      <VmTimelineCard events={detail.events} />
    </LiveVmsProvider>
  );
}
