import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
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

export const metadata: Metadata = { title: "Catalog" };

const settle = <T,>(promise: Promise<T>) =>
  promise.then(
    (value) => ({ value }),
    () => ({ value: null }),
  );

export default async function CatalogPage({ searchParams }: { searchParams: Promise<{ cluster?: string }> }) {
  const viewer = await getUserWith("admin:read");
  if (!viewer) notFound();
  const canChange = can(viewer.role, "admin:write");
  const clusterRows = await listClusters();
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
      <PageHeader
        title="Catalog"
        description="What members may choose from: templates, installer ISOs, networks, where VMs go, and how big they may be. Only what is offered here appears to members."
      />
      {clusterRows.length > 1 && (
        <nav className="flex gap-3 text-sm" aria-label="Clusters">
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
          The cluster did not answer, so what it holds cannot be listed; approved items are shown below.
        </p>
      )}
      <Card>
        <CardHeader>
          <CardTitle>Templates</CardTitle>
          <CardDescription>
            Cloud-init template VMs members clone. Withdrawing one keeps the VMs made from it.
          </CardDescription>
        </CardHeader>
        <CardContent className="grid gap-4">
          <ApprovedList
            kind="template"
            items={inCluster(templates).map((row) => ({
              id: row.id,
              label: row.label,
              detail: `VM ${row.vmid} on ${row.node} · ${row.os} · user ${row.defaultUser} · ≥ ${row.minDiskGb} GiB · ${row.cloneMode} clone`,
              enabled: row.enabled,
            }))}
            canChange={canChange}
          />
          {clusterId && <TemplateApproval candidates={templateOffers.value ?? []} canChange={canChange} />}
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Installer ISOs</CardTitle>
          <CardDescription>Images from the cluster's storages that members may install from.</CardDescription>
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
          <CardTitle>Networks</CardTitle>
          <CardDescription>Bridges, with an optional VLAN tag, that new VMs may join.</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-4">
          <ApprovedList
            kind="network"
            items={inCluster(networks).map((row) => ({
              id: row.id,
              label: row.label,
              detail: `${row.bridge}${row.vlan ? `, VLAN ${row.vlan}` : ""}`,
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
            <CardTitle>Nodes and storages</CardTitle>
            <CardDescription>
              Where portal VMs may go. With no node ticked, every online node may take one; a cap limits how
              many portal VMs a node holds. Ticked storages take new disks of installer VMs.
            </CardDescription>
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
          <CardTitle>Limits per VM</CardTitle>
          <CardDescription>
            The smallest and largest VM a member may ask for, within their quota.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <VmLimitsForm initial={limits} canChange={canChange} />
        </CardContent>
      </Card>
    </>
  );
}
