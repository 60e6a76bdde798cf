import { Network } from "lucide-react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { listEnabledNetworks } from "@/db/queries/networks";
import { getUserWith } from "@/lib/authz/current-user";
import { can } from "@/lib/authz/permissions";
import { listPoolsWithUsage } from "@/lib/ipam/pool-usage";
import { getSetting } from "@/lib/settings/settings";
import { PoolForm } from "./pool-form";

export async function generateMetadata() {
  const t = await getTranslations("adminIpPools");
  return { title: t("title") };
}

export default async function IpPoolsPage() {
  const viewer = await getUserWith("admin:read");
  if (!viewer) notFound();
  const [t, pools, networks, cooldown] = await Promise.all([
    getTranslations("adminIpPools"),
    listPoolsWithUsage(),
    listEnabledNetworks(),
    getSetting("ipam.cooldownMinutes"),
  ]);
  const pooled = new Set(pools.map((pool) => pool.networkId));
  const free = networks.filter((network) => !pooled.has(network.id));
  return (
    <>
      <PageHeader title={t("title")} description={t("description", { cooldown })} />
      {pools.length === 0 ? (
        <EmptyState icon={Network} title={t("empty.title")}>
          {t("empty.body")}
        </EmptyState>
      ) : (
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>{t("table.network")}</TableHead>
              <TableHead>{t("table.subnet")}</TableHead>
              <TableHead>{t("table.range")}</TableHead>
              <TableHead>{t("table.domain")}</TableHead>
              <TableHead className="text-end">{t("table.used")}</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {pools.map((pool) => (
              <TableRow key={pool.id} data-testid={`pool-row-${pool.domain}`}>
                <TableCell>
                  <Link
                    className="font-medium underline-offset-4 hover:underline"
                    href={`/admin/ip-pools/${pool.id}`}
                  >
                    {pool.network.label}
                  </Link>
                  <div className="text-xs text-muted-foreground">
                    {pool.network.vlan !== null
                      ? t("bridgeVlan", { bridge: pool.network.bridge, vlan: pool.network.vlan })
                      : pool.network.bridge}
                  </div>
                </TableCell>
                <TableCell className="font-mono text-xs">{pool.cidr}</TableCell>
                <TableCell className="font-mono text-xs">
                  {pool.rangeStart} – {pool.rangeEnd}
                </TableCell>
                <TableCell>{pool.domain}</TableCell>
                <TableCell className="text-end tabular-nums">
                  {t("usage", { used: pool.usage.used, total: pool.usage.total })}
                  {pool.usage.resting > 0 && (
                    <div className="text-xs text-muted-foreground">
                      {t("resting", { count: pool.usage.resting })}
                    </div>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <Card>
        <CardHeader>
          <CardTitle>{t("add.title")}</CardTitle>
          <CardDescription>{free.length > 0 ? t("add.description") : t("add.allPooled")}</CardDescription>
        </CardHeader>
        {free.length > 0 && (
          <CardContent>
            <PoolForm
              networks={free.map((network) => ({ id: network.id, label: network.label }))}
              canChange={can(viewer.role, "admin:write")}
            />
          </CardContent>
        )}
      </Card>
    </>
  );
}
