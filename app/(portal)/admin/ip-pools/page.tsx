import { Network } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
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

export const metadata: Metadata = { title: "IP pools" };

export default async function IpPoolsPage() {
  const viewer = await getUserWith("admin:read");
  if (!viewer) notFound();
  const [pools, networks, cooldown] = await Promise.all([
    listPoolsWithUsage(),
    listEnabledNetworks(),
    getSetting("ipam.cooldownMinutes"),
  ]);
  const pooled = new Set(pools.map((pool) => pool.networkId));
  const free = networks.filter((network) => !pooled.has(network.id));
  return (
    <>
      <PageHeader
        title="IP pools"
        description={`VMs on a network with a pool get a static address, a name in its domain and DNS servers through cloud-init; other networks keep DHCP. A released address rests ${cooldown} minutes before it is handed out again.`}
      />
      {pools.length === 0 ? (
        <EmptyState icon={Network} title="No pools yet">
          Every network hands out addresses by DHCP. Add a pool below to give its VMs static addresses.
        </EmptyState>
      ) : (
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>Network</TableHead>
              <TableHead>Subnet</TableHead>
              <TableHead>Range</TableHead>
              <TableHead>Domain</TableHead>
              <TableHead className="text-right">Used</TableHead>
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
                    {pool.network.bridge}
                    {pool.network.vlan !== null ? `, VLAN ${pool.network.vlan}` : ""}
                  </div>
                </TableCell>
                <TableCell className="font-mono text-xs">{pool.cidr}</TableCell>
                <TableCell className="font-mono text-xs">
                  {pool.rangeStart} – {pool.rangeEnd}
                </TableCell>
                <TableCell>{pool.domain}</TableCell>
                <TableCell className="text-right tabular-nums">
                  {pool.usage.used} / {pool.usage.total}
                  {pool.usage.resting > 0 && (
                    <div className="text-xs text-muted-foreground">{pool.usage.resting} resting</div>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <Card>
        <CardHeader>
          <CardTitle>Add a pool</CardTitle>
          <CardDescription>
            {free.length > 0
              ? "One pool per approved network. The gateway, the subnet's first and last address are never handed out."
              : "Every approved network already has a pool."}
          </CardDescription>
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
