import { Server } from "lucide-react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { listClusters } from "@/db/queries/clusters";
import { getUserWith } from "@/lib/authz/current-user";
import { can } from "@/lib/authz/permissions";
import { tlsModeOf } from "@/lib/clusters/cluster-settings";
import { ENV_CLUSTER_ID } from "@/lib/clusters/configured-cluster";

export async function generateMetadata() {
  const t = await getTranslations("adminClusters.list");
  return { title: t("title") };
}

export default async function ClustersPage() {
  const viewer = await getUserWith("admin:read");
  if (!viewer) notFound();
  const [clusters, t, tls] = await Promise.all([
    listClusters(),
    getTranslations("adminClusters.list"),
    getTranslations("adminClusters.tls"),
  ]);
  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          can(viewer.role, "admin:write") && (
            <Button asChild>
              <Link href="/admin/clusters/new">{t("add")}</Link>
            </Button>
          )
        }
      />
      {clusters.length === 0 ? (
        <EmptyState icon={Server} title={t("emptyTitle")}>
          {t("emptyBody")}
        </EmptyState>
      ) : (
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>{t("name")}</TableHead>
              <TableHead>{t("apiUrls")}</TableHead>
              <TableHead>{t("token")}</TableHead>
              <TableHead>{t("certificate")}</TableHead>
              <TableHead>{t("source")}</TableHead>
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
                    <Badge variant="destructive">{tls(tlsModeOf(cluster))}</Badge>
                  ) : (
                    tls(tlsModeOf(cluster))
                  )}
                </TableCell>
                <TableCell>
                  {cluster.id === ENV_CLUSTER_ID ? (
                    <Badge variant="secondary">{t("fromEnvironment")}</Badge>
                  ) : (
                    t("addedHere")
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
