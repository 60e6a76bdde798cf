import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/page-header";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { countVmsOnCluster, getClusterById } from "@/db/queries/clusters";
import { getUserWith } from "@/lib/authz/current-user";
import { can } from "@/lib/authz/permissions";
import { tlsModeOf } from "@/lib/clusters/cluster-settings";
import { ENV_CLUSTER_ID } from "@/lib/clusters/configured-cluster";
import { getNodeConcurrency } from "@/lib/clusters/node-concurrency";
import { ClusterForm } from "../cluster-form";
import { RemoveClusterButton } from "../remove-cluster-button";

export async function generateMetadata() {
  const t = await getTranslations("adminClusters.detail");
  return { title: t("title") };
}

export default async function ClusterPage({ params }: { params: Promise<{ clusterId: string }> }) {
  const viewer = await getUserWith("admin:read");
  if (!viewer) notFound();
  const { clusterId } = await params;
  const cluster = await getClusterById({ id: clusterId });
  if (!cluster) notFound();
  const [vms, t, tls] = await Promise.all([
    countVmsOnCluster({ clusterId }),
    getTranslations("adminClusters.detail"),
    getTranslations("adminClusters.tls"),
  ]);
  const canChange = can(viewer.role, "admin:write");
  const fromEnvironment = cluster.id === ENV_CLUSTER_ID;
  return (
    <>
      <PageHeader
        title={cluster.name}
        description={
          <>
            <span className="font-mono">{cluster.id}</span> · {t("liveVms", { count: vms.live })} ·{" "}
            {fromEnvironment ? (
              <Badge variant="secondary">{t("configuredByEnvironment")}</Badge>
            ) : (
              t("addedHere")
            )}
          </>
        }
      />
      {fromEnvironment ? (
        <Card>
          <CardHeader>
            <CardTitle>{t("environmentTitle")}</CardTitle>
            <CardDescription>{t("environmentDescription")}</CardDescription>
          </CardHeader>
          <CardContent>
            <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-2 text-sm">
              <dt className="text-muted-foreground">{t("apiUrls")}</dt>
              <dd className="font-mono text-xs" data-testid="cluster-api-urls">
                {cluster.apiUrls.join(", ")}
              </dd>
              <dt className="text-muted-foreground">{t("tokenId")}</dt>
              <dd className="font-mono text-xs">{cluster.tokenId}</dd>
              <dt className="text-muted-foreground">{t("certificate")}</dt>
              <dd>
                {tls(tlsModeOf(cluster))}
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
              <CardTitle>{t("settingsTitle")}</CardTitle>
              <CardDescription>{t("settingsDescription")}</CardDescription>
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
                  nodeConcurrency: await getNodeConcurrency(cluster.id),
                }}
              />
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle>{t("removeTitle")}</CardTitle>
              <CardDescription>{t("removeDescription")}</CardDescription>
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
