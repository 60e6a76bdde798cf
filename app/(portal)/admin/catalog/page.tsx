import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/page-header";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { listAllIsos, listAllNetworks, listAllTemplates } from "@/db/queries/catalog";
import { listClusters } from "@/db/queries/clusters";
import { getUserWith } from "@/lib/authz/current-user";
import { can } from "@/lib/authz/permissions";
import { isoCandidates, nodesAndStorages, templateCandidates } from "@/lib/catalog/catalog-candidates";
import { getSetting } from "@/lib/settings/settings";
import { ApprovedList } from "./approved-list";
import { IsoApproval } from "./iso-approval";
import { NetworkForm } from "./network-form";
import { PlacementForm } from "./placement-form";
import { TemplateApproval } from "./template-approval";
import { VmLimitsForm } from "./vm-limits-form";

export async function generateMetadata() {
  const t = await getTranslations("adminCatalog.page");
  return { title: t("title") };
}

const settle = <T,>(promise: Promise<T>) =>
  promise.then(
    (value) => ({ value }),
    () => ({ value: null }),
  );

export default async function CatalogPage({ searchParams }: { searchParams: Promise<{ cluster?: string }> }) {
  const viewer = await getUserWith("admin:read");
  if (!viewer) notFound();
  const canChange = can(viewer.role, "admin:write");
  const [clusterRows, t] = await Promise.all([listClusters(), getTranslations("adminCatalog.page")]);
  const { cluster: wanted } = await searchParams;
  const clusterId = clusterRows.find((row) => row.id === wanted)?.id ?? clusterRows[0]?.id ?? null;
  const [templates, isos, networks, limits, nodeSettings, storageSettings] = await Promise.all([
    listAllTemplates(),
    listAllIsos(),
    listAllNetworks(),
    getSetting("vm.limits"),
    getSetting("catalog.nodes"),
    getSetting("catalog.storages"),
  ]);
  const [templateOffers, isoOffers, placement] = clusterId
    ? await Promise.all([
        settle(templateCandidates(clusterId)),
        settle(isoCandidates(clusterId)),
        settle(nodesAndStorages(clusterId)),
      ])
    : [{ value: [] }, { value: [] }, { value: [] }];
  const inCluster = <T extends { clusterId: string }>(rows: T[]) =>
    rows.filter((row) => row.clusterId === clusterId);
  const unreachable = templateOffers.value === null || isoOffers.value === null || placement.value === null;
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      {clusterRows.length > 1 && (
        <nav className="flex gap-3 text-sm" aria-label={t("clusters")}>
          {clusterRows.map((row) => (
            <Link
              key={row.id}
              href={`/admin/catalog?cluster=${row.id}`}
              className={row.id === clusterId ? "font-semibold" : "underline"}
            >
              {row.name}
            </Link>
          ))}
        </nav>
      )}
      {unreachable && (
        <p role="alert" className="text-sm text-destructive">
          {t("unreachable")}
        </p>
      )}
      <Card>
        <CardHeader>
          <CardTitle>{t("templatesTitle")}</CardTitle>
          <CardDescription>{t("templatesDescription")}</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-4">
          <ApprovedList
            kind="template"
            items={inCluster(templates).map((row) => ({
              id: row.id,
              label: row.label,
              detail: t("templateDetail", {
                vmid: row.vmid,
                node: row.node,
                os: row.os,
                user: row.defaultUser,
                disk: row.minDiskGb,
                clone: row.cloneMode,
              }),
              enabled: row.enabled,
            }))}
            canChange={canChange}
          />
          {clusterId && <TemplateApproval candidates={templateOffers.value ?? []} canChange={canChange} />}
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>{t("isosTitle")}</CardTitle>
          <CardDescription>{t("isosDescription")}</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-4">
          <ApprovedList
            kind="iso"
            items={inCluster(isos).map((row) => ({
              id: row.id,
              label: row.label,
              detail: row.volid,
              enabled: row.enabled,
            }))}
            canChange={canChange}
          />
          {clusterId && <IsoApproval candidates={isoOffers.value ?? []} canChange={canChange} />}
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>{t("networksTitle")}</CardTitle>
          <CardDescription>{t("networksDescription")}</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-4">
          <ApprovedList
            kind="network"
            items={inCluster(networks).map((row) => ({
              id: row.id,
              label: row.label,
              detail: row.vlan ? t("networkDetail", { bridge: row.bridge, vlan: row.vlan }) : row.bridge,
              enabled: row.enabled,
            }))}
            canChange={canChange}
          />
          {clusterId && <NetworkForm clusterId={clusterId} canChange={canChange} />}
        </CardContent>
      </Card>
      {clusterId && (
        <Card>
          <CardHeader>
            <CardTitle>{t("placementTitle")}</CardTitle>
            <CardDescription>{t("placementDescription")}</CardDescription>
          </CardHeader>
          <CardContent>
            <PlacementForm
              clusterId={clusterId}
              nodes={placement.value ?? []}
              initialNodes={inCluster(nodeSettings)}
              initialStorages={inCluster(storageSettings)}
              canChange={canChange}
            />
          </CardContent>
        </Card>
      )}
      <Card>
        <CardHeader>
          <CardTitle>{t("limitsTitle")}</CardTitle>
          <CardDescription>{t("limitsDescription")}</CardDescription>
        </CardHeader>
        <CardContent>
          <VmLimitsForm initial={limits} canChange={canChange} />
        </CardContent>
      </Card>
    </>
  );
}
