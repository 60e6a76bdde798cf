import { Server } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { listClusters } from "@/db/queries/clusters";
import { getUserWith } from "@/lib/authz/current-user";
import { can } from "@/lib/authz/permissions";
import { ENV_CLUSTER_ID } from "@/lib/clusters/configured-cluster";
import { tlsLabel } from "./tls-label";

export const metadata: Metadata = { title: "Clusters" };

export default async function ClustersPage() {
  const viewer = await getUserWith("admin:read");
  if (!viewer) notFound();
  const clusters = await listClusters();
  return (
    <>
      <PageHeader
        title="Clusters"
        description="The Proxmox VE clusters the portal creates VMs on. Token secrets are stored encrypted and never shown."
        actions={
          can(viewer.role, "admin:write") && (
            <Button asChild>
              <Link href="/admin/clusters/new">Add cluster</Link>
            </Button>
          )
        }
      />
      {clusters.length === 0 ? (
        <EmptyState icon={Server} title="No clusters yet">
          Add one, or set PVE_API_URLS and the token in the environment.
        </EmptyState>
      ) : (
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>Name</TableHead>
              <TableHead>API URLs</TableHead>
              <TableHead>Token</TableHead>
              <TableHead>Certificate</TableHead>
              <TableHead>Source</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {clusters.map((cluster) => (
              <TableRow key={cluster.id} data-testid={`cluster-row-${cluster.id}`}>
                <TableCell>
                  <Link
                    className="font-medium underline-offset-4 hover:underline"
                    href={`/admin/clusters/${cluster.id}`}
                  >
                    {cluster.name}
                  </Link>
                  <div className="font-mono text-xs text-muted-foreground">{cluster.id}</div>
                </TableCell>
                <TableCell className="font-mono text-xs">{cluster.apiUrls.join(", ")}</TableCell>
                <TableCell className="font-mono text-xs">{cluster.tokenId}</TableCell>
                <TableCell>
                  {cluster.insecure ? (
                    <Badge variant="destructive">{tlsLabel(cluster)}</Badge>
                  ) : (
                    tlsLabel(cluster)
                  )}
                </TableCell>
                <TableCell>
                  {cluster.id === ENV_CLUSTER_ID ? (
                    <Badge variant="secondary">environment</Badge>
                  ) : (
                    "added here"
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </>
  );
}
