import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
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
import { formatBytes, formatGiB, formatMemory, formatPercent } from "@/lib/format";
import { describeHold, getReconcileHold } from "@/lib/vms/reconcile-hold";

export async function generateMetadata() {
  const t = await getTranslations("adminOverview");
  return { title: t("metaTitle") };
}

export default async function AdminOverviewPage() {
  if (!(await getUserWith("admin:read"))) notFound();
  const now = new Date();
  const week = 7 * 24 * 60 * 60 * 1000;
  const [stats, recent, health, usage, byState, failedJobs, ending, t, format, locale] = await Promise.all([
    getUserStats(),
    listAuditEvents({ limit: 10 }),
    clusterHealth(),
    portalUsageByCluster(),
    countVmsByState(),
    countFailedJobsSince({ since: new Date(now.getTime() - week) }),
    listLeasesEndingBetween({ from: now, to: new Date(now.getTime() + week) }),
    getTranslations("adminOverview"),
    getFormatter(),
    getLocale(),
  ]);
  const holds = new Map(
    await Promise.all(
      health.map(async (cluster) => [cluster.id, await getReconcileHold(cluster.id)] as const),
    ),
  );
  const tiles = [
    { label: t("tiles.members"), value: stats.byRole.member },
    { label: t("tiles.auditors"), value: stats.byRole.auditor },
    { label: t("tiles.admins"), value: stats.byRole.admin },
    { label: t("tiles.disabled"), value: stats.disabled },
  ];
  const percent = (used: number, total: number) =>
    total > 0 ? formatPercent(used / total, { locale }) : "—";
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
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
                  ? t("usage", {
                      vms: used?.vms ?? 0,
                      cores: used?.cores ?? 0,
                      totalCores: cluster.capacity.cores,
                      memory: formatMemory(used?.memoryMb ?? 0),
                      totalMemory: formatMemory(cluster.capacity.memoryMb),
                      storage: formatGiB(used?.diskGb ?? 0),
                      totalStorage: formatGiB(cluster.capacity.storageGb),
                    })
                  : t("unreachable", { error: cluster.error ?? "" })}
              </CardDescription>
            </CardHeader>
            {cluster.privilegeGaps.length > 0 && (
              <CardContent>
                <Alert variant="destructive" role="alert" data-testid={`privileges-${cluster.id}`}>
                  <AlertTitle>{t("missingPrivileges")}</AlertTitle>
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
                    <ul className="mt-1 list-disc ps-5 text-xs text-muted-foreground">
                      {hold.details.map((line) => (
                        <li key={line}>{line}</li>
                      ))}
                    </ul>
                  )}
                  <p className="mt-1 text-xs text-muted-foreground">
                    {t.rich("hold", {
                      since: format.dateTime(new Date(hold.since), "minute"),
                      checked: format.dateTime(new Date(hold.checkedAt), "minute"),
                      link: (chunks) => (
                        <Link className="underline" href="/admin/vms">
                          {chunks}
                        </Link>
                      ),
                    })}
                  </p>
                </div>
              </CardContent>
            )}
            {cluster.reachable && (
              <CardContent>
                <table className="w-full text-sm">
                  <thead className="text-start text-muted-foreground">
                    <tr>
                      <th className="font-normal">{t("nodes.node")}</th>
                      <th className="font-normal">{t("nodes.state")}</th>
                      <th className="font-normal">{t("nodes.cpu")}</th>
                      <th className="font-normal">{t("nodes.memory")}</th>
                      <th className="font-normal">{t("nodes.rootDisk")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {cluster.nodes.map((node) => (
                      <tr key={node.node} data-testid={`node-${node.node}`}>
                        <td>{node.node}</td>
                        <td className={node.online ? "" : "text-destructive"}>
                          {node.online ? t("nodes.online") : t("nodes.offline")}
                        </td>
                        <td>
                          {node.online && node.cpu !== null
                            ? t("nodes.cpuValue", { share: node.cpu, cores: node.cores })
                            : "—"}
                        </td>
                        <td>
                          {node.online
                            ? `${formatBytes(node.memoryUsed, { locale })} / ${formatBytes(node.memoryTotal, { locale })} (${percent(node.memoryUsed, node.memoryTotal)})`
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
            <CardDescription>{t("vmsByState")}</CardDescription>
            <CardTitle className="text-base font-normal" data-testid="vms-by-state">
              {Object.entries(byState).length === 0
                ? t("noVms")
                : Object.entries(byState)
                    .map(([state, count]) => t("stateCount", { count, state }))
                    .join(" · ")}
            </CardTitle>
          </CardHeader>
        </Card>
        <Card className="gap-2 py-4">
          <CardHeader className="px-4">
            <CardDescription>{t("failedJobs")}</CardDescription>
            <CardTitle className="text-3xl tabular-nums">
              <Link href="/admin/jobs" className="hover:underline">
                {failedJobs}
              </Link>
            </CardTitle>
          </CardHeader>
        </Card>
        <Card className="gap-2 py-4">
          <CardHeader className="px-4">
            <CardDescription>{t("leasesEnding")}</CardDescription>
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
          <CardTitle>{t("recentTitle")}</CardTitle>
          <CardDescription>
            {t.rich("recentDescription", {
              link: (chunks) => (
                <Link className="underline" href="/admin/audit">
                  {chunks}
                </Link>
              ),
            })}
          </CardDescription>
        </CardHeader>
        <CardContent>
          <AuditTable events={recent} />
        </CardContent>
      </Card>
    </>
  );
}
