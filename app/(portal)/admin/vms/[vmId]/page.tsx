import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { LiveVmStateBadge, LiveVmsProvider } from "@/components/live-vms";
import { PageHeader } from "@/components/page-header";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { VmTimelineCard } from "@/components/vm-timeline-card";
import { getProjectById, listProjectsWithCounts } from "@/db/queries/projects";
import { getUserById, listUsers } from "@/db/queries/users";
import { listVmEvents } from "@/db/queries/vm-events";
import { getVmById } from "@/db/queries/vms";
import { getUserWith } from "@/lib/authz/current-user";
import { can } from "@/lib/authz/permissions";
import { formatGiB, formatMemory } from "@/lib/format";
import { AdminVmActions } from "./admin-vm-actions";

export async function generateMetadata() {
  const t = await getTranslations("adminVms.detail");
  return { title: t("title") };
}

type Fact = "madeBy" | "owner" | "project" | "where" | "size" | "lease";

export default async function AdminVmPage({ params }: { params: Promise<{ vmId: string }> }) {
  const viewer = await getUserWith("admin:read");
  if (!viewer) notFound();
  const { vmId } = await params;
  const vm = /^[0-9a-f-]{36}$/.test(vmId) ? await getVmById({ id: vmId }) : null;
  if (!vm || vm.state === "deleted") notFound();
  const [owner, project, people, projects, events, t, format] = await Promise.all([
    getUserById({ id: vm.ownerId }),
    vm.projectId ? getProjectById({ id: vm.projectId }) : null,
    listUsers(),
    listProjectsWithCounts(),
    listVmEvents({ vmId: vm.id, limit: 20 }),
    getTranslations("adminVms.detail"),
    getFormatter(),
  ]);
  const canChange = can(viewer.role, "admin:write");
  const where = { cluster: vm.clusterId, node: vm.node ?? "—", vmid: vm.vmid ?? "—" };
  // The first of each pair names the fact for tests (`admin-vm-<id>`) and the catalog.
  const facts: [Fact, string][] = [
    [
      project ? "madeBy" : "owner",
      owner
        ? owner.email
          ? t("person", { name: owner.name ?? owner.username ?? "", email: owner.email })
          : t("personNoEmail", { name: owner.name ?? owner.username ?? "" })
        : vm.ownerId,
    ],
    ...(project ? [["project", project.name] as [Fact, string]] : []),
    ["where", vm.pool ? t("whereInPool", { ...where, pool: vm.pool }) : t("whereValue", where)],
    [
      "size",
      t("sizeValue", { cores: vm.cores, memory: formatMemory(vm.memoryMb), disk: formatGiB(vm.diskGb) }),
    ],
    [
      "lease",
      vm.leaseExempt ? t("exempt") : vm.leaseExpiresAt ? format.dateTime(vm.leaseExpiresAt, "day") : "—",
    ],
  ];
  const rendered = [
    { id: vm.id, state: vm.state, leaseExpiresAt: vm.leaseExpiresAt?.toISOString() ?? null, node: vm.node },
  ];
  return (
    <LiveVmsProvider scope="admin" vmId={vm.id} rendered={rendered}>
      <PageHeader
        title={vm.name}
        description={<LiveVmStateBadge id={vm.id} initial={vm.state} rule="record" />}
        actions={
          vm.state === "running" && viewer.role === "admin" ? (
            <Button asChild variant="outline">
              <Link href={`/vms/${vm.id}/console`}>{t("console")}</Link>
            </Button>
          ) : undefined
        }
      />
      <Card>
        <CardContent>
          <dl className="grid grid-cols-[6rem_1fr] gap-y-2 text-sm">
            {facts.map(([fact, value]) => (
              <div key={fact} className="contents">
                <dt className="text-muted-foreground">{t(`facts.${fact}`)}</dt>
                <dd data-testid={`admin-vm-${fact.toLowerCase()}`}>{value}</dd>
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
          projectId: vm.projectId,
          leaseEndsOn: vm.leaseExpiresAt?.toISOString().slice(0, 10) ?? null,
          exempt: vm.leaseExempt,
        }}
        people={people
          .filter((person) => !person.disabled)
          .map((person) => ({
            id: person.id,
            label: person.name ?? person.username ?? person.email ?? person.id,
          }))}
        projects={projects
          .filter(({ project: candidate }) => !candidate.archivedAt)
          .map(({ project: candidate }) => ({ id: candidate.id, label: candidate.name }))}
        canChange={canChange}
      />
      <VmTimelineCard events={events} />
    </LiveVmsProvider>
  );
}
