import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AuditTable } from "@/components/audit-table";
import { PageHeader } from "@/components/page-header";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { listAuditEvents } from "@/db/queries/audit";
import { countFailedJobsSince } from "@/db/queries/jobs";
import { listLeasesEndingBetween } from "@/db/queries/leases";
import { getUserStats } from "@/db/queries/users";
import { countVmsByState, portalUsageByCluster } from "@/db/queries/vms";
import { getUserWith } from "@/lib/authz/current-user";
import { clusterHealth } from "@/lib/clusters/cluster-health";
import { describeHold, getReconcileHold } from "@/lib/vms/reconcile-hold";

export const metadata: Metadata = { title: "Admin" };

export default async function AdminOverviewPage() {
  if (!(await getUserWith("admin:read"))) notFound();
  const now = new Date();
  const week = 7 * 24 * 60 * 60 * 1000;
  const [stats, recent, health, usage, byState, failedJobs, ending] = await Promise.all([
    getUserStats(),
    listAuditEvents({ limit: 10 }),
    clusterHealth(),
    portalUsageByCluster(),
    countVmsByState(),
    countFailedJobsSince({ since: new Date(now.getTime() - week) }),
    listLeasesEndingBetween({ from: now, to: new Date(now.getTime() + week) }),
  ]);
  const holds = new Map(
    await Promise.all(
      health.map(async (cluster) => [cluster.id, await getReconcileHold(cluster.id)] as const),
    ),
  );
  const tiles = [
    { label: "Members", value: stats.byRole.member },
    { label: "Auditors", value: stats.byRole.auditor },
    { label: "Admins", value: stats.byRole.admin },
    { label: "Disabled", value: stats.disabled },
  ];
  const percent = (used: number, total: number) => (total > 0 ? `${Math.round((used / total) * 100)}%` : "—");
  const gib = (bytes: number) => `${Math.round(bytes / 1024 ** 3)} GiB`;
  return (
    <>
      <PageHeader
        title="Overview"
        description="The clusters, what the portal uses of them, and the latest changes."
      />
      <div className="grid grid-cols-2 gap-4 md:grid-cols-4">
        {tiles.map((tile) => (
          <Card key={tile.label} className="gap-2 py-4">
            <CardHeader className="px-4">
              <CardDescription>{tile.label}</CardDescription>
              <CardTitle className="text-3xl tabular-nums">{tile.value}</CardTitle>
            </CardHeader>
          </Card>
        ))}
      </div>
      {health.map((cluster) => {
        const used = usage.get(cluster.id);
        const hold = holds.get(cluster.id);
        return (
          <Card key={cluster.id} data-testid={`cluster-${cluster.id}`}>
            <CardHeader>
              <CardTitle>{cluster.name}</CardTitle>
              <CardDescription>
                {cluster.reachable
                  ? `Portal VMs: ${used?.vms ?? 0} · ${used?.cores ?? 0} of ${cluster.capacity.cores} cores · ${Math.round((used?.memoryMb ?? 0) / 1024)} of ${Math.round(cluster.capacity.memoryMb / 1024)} GiB memory · ${used?.diskGb ?? 0} of ${cluster.capacity.storageGb} GiB storage`
                  : `Not reachable: ${cluster.error}`}
              </CardDescription>
            </CardHeader>
            {cluster.privilegeGaps.length > 0 && (
              <CardContent>
                <Alert variant="destructive" role="alert" data-testid={`privileges-${cluster.id}`}>
                  <AlertTitle>The API token lacks privileges the portal needs</AlertTitle>
                  <AlertDescription>
                    <ul className="list-disc ps-5 break-words">
                      {cluster.privilegeGaps.map((gap) => (
                        <li key={gap}>{gap}</li>
                      ))}
                    </ul>
                  </AlertDescription>
                </Alert>
              </CardContent>
            )}
            {hold && (
              <CardContent>
                <div
                  role="status"
                  data-testid={`reconcile-hold-${cluster.id}`}
                  className="rounded-md border border-destructive/50 p-3 text-sm"
                >
                  <p>{describeHold(hold)}</p>
                  {hold.details.length > 0 && (
                    <ul className="mt-1 list-disc pl-5 text-xs text-muted-foreground">
                      {hold.details.map((line) => (
                        <li key={line}>{line}</li>
                      ))}
                    </ul>
                  )}
                  <p className="mt-1 text-xs text-muted-foreground">
                    Since {hold.since.replace("T", " ").slice(0, 16)} UTC, last checked{" "}
                    {hold.checkedAt.replace("T", " ").slice(0, 16)} UTC. If these VMs really were removed,
                    delete them on{" "}
                    <Link className="underline" href="/admin/vms">
                      Admin → VMs
                    </Link>
                    .
                  </p>
                </div>
              </CardContent>
            )}
            {cluster.reachable && (
              <CardContent>
                <table className="w-full text-sm">
                  <thead className="text-left text-muted-foreground">
                    <tr>
                      <th className="font-normal">Node</th>
                      <th className="font-normal">State</th>
                      <th className="font-normal">CPU</th>
                      <th className="font-normal">Memory</th>
                      <th className="font-normal">Root disk</th>
                    </tr>
                  </thead>
                  <tbody>
                    {cluster.nodes.map((node) => (
                      <tr key={node.node} data-testid={`node-${node.node}`}>
                        <td>{node.node}</td>
                        <td className={node.online ? "" : "text-destructive"}>
                          {node.online ? "online" : "offline"}
                        </td>
                        <td>
                          {node.online && node.cpu !== null
                            ? `${Math.round(node.cpu * 100)}% of ${node.cores}`
                            : "—"}
                        </td>
                        <td>
                          {node.online
                            ? `${gib(node.memoryUsed)} / ${gib(node.memoryTotal)} (${percent(node.memoryUsed, node.memoryTotal)})`
                            : "—"}
                        </td>
                        <td>{node.online ? percent(node.diskUsed, node.diskTotal) : "—"}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </CardContent>
            )}
          </Card>
        );
      })}
      <div className="grid gap-4 md:grid-cols-3">
        <Card className="gap-2 py-4">
          <CardHeader className="px-4">
            <CardDescription>VMs by state</CardDescription>
            <CardTitle className="text-base font-normal" data-testid="vms-by-state">
              {Object.entries(byState).length === 0
                ? "No VMs yet"
                : Object.entries(byState)
                    .map(([state, number]) => `${number} ${state}`)
                    .join(" · ")}
            </CardTitle>
          </CardHeader>
        </Card>
        <Card className="gap-2 py-4">
          <CardHeader className="px-4">
            <CardDescription>Failed jobs, last 7 days</CardDescription>
            <CardTitle className="text-3xl tabular-nums">
              <Link href="/admin/jobs" className="hover:underline">
                {failedJobs}
              </Link>
            </CardTitle>
          </CardHeader>
        </Card>
        <Card className="gap-2 py-4">
          <CardHeader className="px-4">
            <CardDescription>Leases ending this week</CardDescription>
            <CardTitle className="text-3xl tabular-nums">
              <Link href="/admin/vms?lease=7" className="hover:underline">
                {ending.length}
              </Link>
            </CardTitle>
          </CardHeader>
        </Card>
      </div>
      <Card>
        <CardHeader>
          <CardTitle>Recent activity</CardTitle>
          <CardDescription>
            The last ten audit events.{" "}
            <Link className="underline" href="/admin/audit">
              Open the audit log
            </Link>
          </CardDescription>
        </CardHeader>
        <CardContent>
          <AuditTable events={recent} />
        </CardContent>
      </Card>
    </>
  );
}
