import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/page-header";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { listAddressesOfPool } from "@/db/queries/ip-addresses";
import { getPool } from "@/db/queries/ip-pools";
import { getUserWith } from "@/lib/authz/current-user";
import { can } from "@/lib/authz/permissions";
import { formatMinute } from "@/lib/format";
import { restingSince } from "@/lib/ipam/allocate-address";
import { PoolForm } from "../pool-form";

export const metadata: Metadata = { title: "IP pool" };

export default async function IpPoolPage({ params }: { params: Promise<{ poolId: string }> }) {
  const viewer = await getUserWith("admin:read");
  if (!viewer) notFound();
  const { poolId } = await params;
  const pool = /^[0-9a-f-]{36}$/.test(poolId) ? await getPool({ id: poolId }) : null;
  if (!pool) notFound();
  const [addresses, since] = await Promise.all([listAddressesOfPool({ poolId }), restingSince(new Date())]);
  const status = (releasedAt: Date | null) =>
    releasedAt === null ? "in use" : releasedAt > since ? "resting" : "released";
  return (
    <>
      <PageHeader
        title={pool.domain}
        description={
          <>
            {pool.cidr} on {pool.network.label}.{" "}
            <Link className="underline" href="/admin/ip-pools">
              All pools
            </Link>
          </>
        }
      />
      <Card>
        <CardHeader>
          <CardTitle>Settings</CardTitle>
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
          <CardTitle>Addresses</CardTitle>
        </CardHeader>
        <CardContent>
          {addresses.length === 0 ? (
            <p className="text-sm text-muted-foreground">No VM has had an address from this pool yet.</p>
          ) : (
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHead>Address</TableHead>
                  <TableHead>Name</TableHead>
                  <TableHead>VM</TableHead>
                  <TableHead>MAC</TableHead>
                  <TableHead>Since</TableHead>
                  <TableHead>Status</TableHead>
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
                      {vm ? `${vm.name} (${owner?.username ?? owner?.name ?? "unknown"}, ${vm.state})` : "—"}
                    </TableCell>
                    <TableCell className="font-mono text-xs">{vm?.macAddress ?? "—"}</TableCell>
                    <TableCell className="font-mono text-xs">
                      {formatMinute(lease.allocatedAt)}
                      {lease.releasedAt && ` – ${formatMinute(lease.releasedAt)}`}
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
