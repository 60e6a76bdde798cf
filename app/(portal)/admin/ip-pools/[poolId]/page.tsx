import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/page-header";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { listAddressesOfPool } from "@/db/queries/ip-addresses";
import { getPool } from "@/db/queries/ip-pools";
import { getUserWith } from "@/lib/authz/current-user";
import { can } from "@/lib/authz/permissions";
import { restingSince } from "@/lib/ipam/allocate-address";
import { PoolForm } from "../pool-form";

export async function generateMetadata() {
  const t = await getTranslations("adminIpPools.pool");
  return { title: t("metaTitle") };
}

export default async function IpPoolPage({ params }: { params: Promise<{ poolId: string }> }) {
  const viewer = await getUserWith("admin:read");
  if (!viewer) notFound();
  const { poolId } = await params;
  const pool = /^[0-9a-f-]{36}$/.test(poolId) ? await getPool({ id: poolId }) : null;
  if (!pool) notFound();
  const [addresses, since, t, format] = await Promise.all([
    listAddressesOfPool({ poolId }),
    restingSince(new Date()),
    getTranslations("adminIpPools.pool"),
    getFormatter(),
  ]);
  const status = (releasedAt: Date | null) =>
    releasedAt === null ? t("status.inUse") : releasedAt > since ? t("status.resting") : t("status.released");
  return (
    <>
      <PageHeader
        title={pool.domain}
        description={
          <>
            {t("summary", { cidr: pool.cidr, network: pool.network.label })}{" "}
            <Link className="underline" href="/admin/ip-pools">
              {t("allPools")}
            </Link>
          </>
        }
      />
      <Card>
        <CardHeader>
          <CardTitle>{t("settings")}</CardTitle>
        </CardHeader>
        <CardContent>
          <PoolForm
            id={pool.id}
            networks={[{ id: pool.network.id, label: pool.network.label }]}
            canChange={can(viewer.role, "admin:write")}
            initial={{
              networkId: pool.networkId,
              cidr: pool.cidr,
              gateway: pool.gateway ?? "",
              rangeStart: pool.rangeStart,
              rangeEnd: pool.rangeEnd,
              dnsServers: pool.dnsServers.join(", "),
              domain: pool.domain,
            }}
          />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>{t("addresses.title")}</CardTitle>
        </CardHeader>
        <CardContent>
          {addresses.length === 0 ? (
            <p className="text-sm text-muted-foreground">{t("addresses.empty")}</p>
          ) : (
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHead>{t("addresses.address")}</TableHead>
                  <TableHead>{t("addresses.name")}</TableHead>
                  <TableHead>{t("addresses.vm")}</TableHead>
                  <TableHead>{t("addresses.mac")}</TableHead>
                  <TableHead>{t("addresses.since")}</TableHead>
                  <TableHead>{t("addresses.status")}</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {addresses.map(({ lease, vm, owner }) => (
                  <TableRow key={lease.id} data-testid={`address-row-${lease.address}`}>
                    <TableCell className="font-mono text-xs">{lease.address}</TableCell>
                    <TableCell>
                      {lease.hostname}.{pool.domain}
                    </TableCell>
                    <TableCell>
                      {vm
                        ? t("addresses.vmOf", {
                            vm: vm.name,
                            owner: owner?.username ?? owner?.name ?? t("addresses.unknownOwner"),
                            state: vm.state,
                          })
                        : "—"}
                    </TableCell>
                    <TableCell className="font-mono text-xs">{vm?.macAddress ?? "—"}</TableCell>
                    <TableCell className="font-mono text-xs">
                      {lease.releasedAt
                        ? format.dateTimeRange(lease.allocatedAt, lease.releasedAt, "minute")
                        : format.dateTime(lease.allocatedAt, "minute")}
                    </TableCell>
                    <TableCell>
                      <Badge variant={lease.releasedAt ? "outline" : "secondary"}>
                        {status(lease.releasedAt)}
                      </Badge>
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </CardContent>
      </Card>
    </>
  );
}
