import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/page-header";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { countVmsOnCluster, getClusterById } from "@/db/queries/clusters";
import { getUserWith } from "@/lib/authz/current-user";
import { can } from "@/lib/authz/permissions";
import { tlsModeOf } from "@/lib/clusters/cluster-settings";
import { ENV_CLUSTER_ID } from "@/lib/clusters/configured-cluster";
import { ClusterForm } from "../cluster-form";
import { RemoveClusterButton } from "../remove-cluster-button";
import { tlsLabel } from "../tls-label";

export const metadata: Metadata = { title: "Cluster" };

export default async function ClusterPage({ params }: { params: Promise<{ clusterId: string }> }) {
  const viewer = await getUserWith("admin:read");
  if (!viewer) notFound();
  const { clusterId } = await params;
  const cluster = await getClusterById({ id: clusterId });
  if (!cluster) notFound();
  const vms = await countVmsOnCluster({ clusterId });
  const canChange = can(viewer.role, "admin:write");
  const fromEnvironment = cluster.id === ENV_CLUSTER_ID;
  return (
    <>
      <PageHeader
        title={cluster.name}
        description={
          <>
            <span className="font-mono">{cluster.id}</span> · {vms.live} live VMs ·{" "}
            {fromEnvironment ? (
              <Badge variant="secondary">configured by the environment</Badge>
            ) : (
              "added here"
            )}
          </>
        }
      />
      {fromEnvironment ? (
        <Card>
          <CardHeader>
            <CardTitle>Configured by the environment</CardTitle>
            <CardDescription>
              PVE_API_URLS, PVE_TOKEN_ID, PVE_TOKEN_SECRET and PVE_FINGERPRINT set this cluster; change them
              there and restart. Its secret stays in the environment.
            </CardDescription>
          </CardHeader>
          <CardContent>
            <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-2 text-sm">
              <dt className="text-muted-foreground">API URLs</dt>
              <dd className="font-mono text-xs" data-testid="cluster-api-urls">
                {cluster.apiUrls.join(", ")}
              </dd>
              <dt className="text-muted-foreground">Token id</dt>
              <dd className="font-mono text-xs">{cluster.tokenId}</dd>
              <dt className="text-muted-foreground">Certificate</dt>
              <dd>
                {tlsLabel(cluster)}
                {cluster.fingerprint && (
                  <div className="font-mono text-xs break-all" data-testid="cluster-fingerprint">
                    {cluster.fingerprint}
                  </div>
                )}
              </dd>
            </dl>
          </CardContent>
        </Card>
      ) : (
        <>
          <Card>
            <CardHeader>
              <CardTitle>Settings</CardTitle>
              <CardDescription>
                The token secret is stored encrypted and never shown; type a new one only to replace it.
              </CardDescription>
            </CardHeader>
            <CardContent>
              <ClusterForm
                clusterId={cluster.id}
                canChange={canChange}
                initial={{
                  name: cluster.name,
                  apiUrls: cluster.apiUrls,
                  tokenId: cluster.tokenId,
                  tls: tlsModeOf(cluster),
                  fingerprint: cluster.fingerprint ?? "",
                  caPem: cluster.caPem ?? "",
                }}
              />
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle>Remove</CardTitle>
              <CardDescription>
                Removes the cluster with its approved templates, ISOs and networks. Not possible while the
                portal has VM records on it.
              </CardDescription>
            </CardHeader>
            <CardContent>
              <RemoveClusterButton clusterId={cluster.id} name={cluster.name} canChange={canChange} />
            </CardContent>
          </Card>
        </>
      )}
    </>
  );
}
