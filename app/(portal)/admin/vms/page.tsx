import { Server } from "lucide-react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/empty-state";
import { LiveVmStateBadge, LiveVmsProvider } from "@/components/live-vms";
import { PageHeader } from "@/components/page-header";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { listAllVms } from "@/db/queries/vms";
import { vmStateEnum } from "@/db/schema";
import { getUserWith } from "@/lib/authz/current-user";
import { can } from "@/lib/authz/permissions";
import { formatGiB, formatMemory } from "@/lib/format";
import { daysLeft } from "@/lib/leases/lease-dates";

export async function generateMetadata() {
  const t = await getTranslations("adminVms.list");
  return { title: t("title") };
}

type Search = { owner?: string; state?: string; node?: string; cluster?: string; lease?: string };

export default async function AdminVmsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const viewer = await getUserWith("admin:read");
  if (!viewer) notFound();
  const [query, t, states, format] = await Promise.all([
    searchParams,
    getTranslations("adminVms.list"),
    getTranslations("adminVms.states"),
    getFormatter(),
  ]);
  const state = vmStateEnum.enumValues.find((value) => value === query.state);
  const leaseWithinDays = /^\d{1,4}$/.test(query.lease ?? "") ? Number(query.lease) : undefined;
  const rows = await listAllVms({
    owner: query.owner?.trim() || undefined,
    state,
    node: query.node?.trim() || undefined,
    clusterId: query.cluster?.trim() || undefined,
    leaseWithinDays,
  });
  const rendered = rows.map(({ vm }) => ({
    id: vm.id,
    state: vm.state,
    leaseExpiresAt: vm.leaseExpiresAt?.toISOString() ?? null,
    node: vm.node,
  }));
  const filtered = Object.values(query).some((value) => typeof value === "string" && value.trim());
  return (
    <LiveVmsProvider scope="admin" rendered={rendered} others={filtered ? "ignore" : "render"}>
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          can(viewer.role, "admin:write") ? (
            <Button asChild variant="outline">
              <Link href="/admin/vms/adopt">{t("adopt")}</Link>
            </Button>
          ) : undefined
        }
      />
      <form method="get" className="flex flex-wrap items-end gap-2" aria-label={t("filterLabel")}>
        <Input
          name="owner"
          defaultValue={query.owner}
          placeholder={t("owner")}
          aria-label={t("owner")}
          className="w-40"
        />
        <select
          name="state"
          defaultValue={state ?? ""}
          aria-label={t("state")}
          className="h-9 rounded-md border bg-background px-2 text-sm"
        >
          <option value="">{t("anyState")}</option>
          {vmStateEnum.enumValues
            .filter((value) => value !== "deleted")
            .map((value) => (
              <option key={value} value={value}>
                {states(value)}
              </option>
            ))}
        </select>
        <Input
          name="node"
          defaultValue={query.node}
          placeholder={t("node")}
          aria-label={t("node")}
          className="w-28"
        />
        <Input
          name="cluster"
          defaultValue={query.cluster}
          placeholder={t("cluster")}
          aria-label={t("cluster")}
          className="w-28"
        />
        <select
          name="lease"
          defaultValue={query.lease ?? ""}
          aria-label={t("lease")}
          className="h-9 rounded-md border bg-background px-2 text-sm"
        >
          <option value="">{t("anyLease")}</option>
          <option value="0">{t("leaseEnded")}</option>
          <option value="7">{t("leaseWithin", { days: 7 })}</option>
          <option value="30">{t("leaseWithin", { days: 30 })}</option>
        </select>
        <Button type="submit" variant="secondary">
          {t("filter")}
        </Button>
      </form>
      {rows.length === 0 ? (
        <EmptyState icon={Server} title={t("emptyTitle")}>
          {t("emptyBody")}
        </EmptyState>
      ) : (
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>{t("name")}</TableHead>
              <TableHead>{t("owner")}</TableHead>
              <TableHead>{t("state")}</TableHead>
              <TableHead>{t("where")}</TableHead>
              <TableHead>{t("size")}</TableHead>
              <TableHead>{t("leaseEnds")}</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map(({ vm, owner }) => (
              <TableRow key={vm.id} data-testid={`admin-vm-${vm.name}`}>
                <TableCell>
                  <Link className="font-medium hover:underline" href={`/admin/vms/${vm.id}`}>
                    {vm.name}
                  </Link>
                </TableCell>
                <TableCell className="text-sm">{owner.label}</TableCell>
                <TableCell>
                  <LiveVmStateBadge id={vm.id} initial={vm.state} rule="record" />
                </TableCell>
                <TableCell className="text-xs">
                  {vm.clusterId} · {vm.node ?? "—"}
                  {vm.vmid !== null && ` · ${vm.vmid}`}
                </TableCell>
                <TableCell className="text-xs">
                  {t("sizeValue", {
                    cores: vm.cores,
                    memory: formatMemory(vm.memoryMb),
                    disk: formatGiB(vm.diskGb),
                  })}
                </TableCell>
                <TableCell className="text-xs">
                  {vm.leaseExempt
                    ? t("exempt")
                    : vm.leaseExpiresAt
                      ? t("leaseValue", {
                          date: format.dateTime(vm.leaseExpiresAt, "day"),
                          days: daysLeft(vm.leaseExpiresAt),
                        })
                      : "—"}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </LiveVmsProvider>
  );
}
