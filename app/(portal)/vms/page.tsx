import { Plus, Server } from "lucide-react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/empty-state";
import { LiveVmProgressLine, LiveVmStateBadge, LiveVmsProvider } from "@/components/live-vms";
import { PageHeader } from "@/components/page-header";
import { QuotaBars } from "@/components/quota-bars";
import { Button } from "@/components/ui/button";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { listVisibleVms } from "@/db/queries/vm-access";
import { getCurrentUser } from "@/lib/authz/current-user";
import { allows } from "@/lib/authz/vm-access";
import { formatGiB, formatMemory } from "@/lib/format";
import { daysLeft } from "@/lib/leases/lease-dates";
import { getQuotaStatus } from "@/lib/quotas/effective-quota";
import { userAccount } from "@/lib/quotas/quota-account";
import { dashboardSections } from "@/lib/vms/dashboard-sections";
import { type LiveVm, withLiveState } from "@/lib/vms/live-state";
import { RenewButton } from "./renew-button";

export async function generateMetadata() {
  const t = await getTranslations("dashboard");
  return { title: t("title") };
}

const stateFilters = ["running", "stopped", "paused", "provisioning", "failed", "missing"] as const;

export default async function VmsPage({
  searchParams,
}: {
  searchParams: Promise<{ q?: string; state?: string }>;
}) {
  const user = await getCurrentUser();
  if (!user) notFound();
  const { q, state } = await searchParams;
  const [t, tc, format] = await Promise.all([
    getTranslations("dashboard"),
    getTranslations("common"),
    getFormatter(),
  ]);
  const [status, rows] = await Promise.all([
    getQuotaStatus(userAccount(user.id)),
    listVisibleVms({ userId: user.id }),
  ]);
  const { vms: all, unreachable } = await withLiveState(rows.map((row) => row.vm));
  const projectNames = new Map(
    rows.flatMap(({ project }) => (project ? [[project.id, project.name] as const] : [])),
  );
  const sectionTitle = ({ key }: { key: string }) =>
    key === "mine"
      ? t("sections.mine")
      : key === "shared"
        ? t("sections.shared")
        : t("sections.project", { name: projectNames.get(key) ?? key });
  const liveById = new Map(all.map((vm) => [vm.id, vm]));
  const shows = (vm: LiveVm) =>
    (!q || vm.name.includes(q.toLowerCase()) || vm.ipAddress?.includes(q)) &&
    (!state || (vm.live ?? vm.state) === state);
  const sections = dashboardSections(user, rows, (vm) => liveById.get(vm.id) ?? { ...vm, live: null }).map(
    (section) => ({ ...section, vms: section.vms.filter(({ vm }) => shows(vm)) }),
  );
  const rendered = all.map((vm) => ({
    id: vm.id,
    state: vm.state,
    leaseExpiresAt: vm.leaseExpiresAt?.toISOString() ?? null,
    node: vm.node,
  }));
  return (
    <LiveVmsProvider scope="own" rendered={rendered}>
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          <Button asChild>
            <Link href="/vms/new">
              <Plus />
              {t("newVm")}
            </Link>
          </Button>
        }
      />
      <QuotaBars quota={status.quota} usage={status.usage} />
      {unreachable.length > 0 && (
        <p role="status" className="text-sm text-destructive">
          {t("unreachable")}
        </p>
      )}
      {all.length === 0 ? (
        <EmptyState icon={Server} title={t("empty.title")}>
          {t.rich("empty.body", {
            link: (chunks) => (
              <Link className="underline" href="/vms/new">
                {chunks}
              </Link>
            ),
          })}
        </EmptyState>
      ) : (
        <>
          <form method="get" className="flex max-w-lg gap-2">
            <select
              name="state"
              defaultValue={state ?? ""}
              aria-label={t("filter.state")}
              className="h-9 rounded-md border bg-transparent px-2 text-sm"
            >
              <option value="">{t("filter.allStates")}</option>
              {stateFilters.map((option) => (
                <option key={option} value={option}>
                  {tc(`states.${option}`)}
                </option>
              ))}
            </select>
            <input
              name="q"
              defaultValue={q}
              placeholder={t("filter.searchPlaceholder")}
              aria-label={t("filter.search")}
              className="h-9 w-full rounded-md border bg-transparent px-3 text-sm"
            />
            <button type="submit" className="h-9 rounded-md border px-3 text-sm">
              {t("filter.submit")}
            </button>
          </form>
          {sections.map((section) => (
            <section key={section.key} aria-label={sectionTitle(section)} className="space-y-2">
              <h2 className="text-lg font-semibold">{sectionTitle(section)}</h2>
              {section.vms.length === 0 ? (
                <p className="text-sm text-muted-foreground">
                  {q || state ? t("noneMatches") : t("noneYet")}
                </p>
              ) : (
                <Table>
                  <TableHeader>
                    <TableRow>
                      <TableHead>{t("columns.name")}</TableHead>
                      <TableHead>{t("columns.state")}</TableHead>
                      <TableHead>{t("columns.size")}</TableHead>
                      <TableHead>{t("columns.address")}</TableHead>
                      <TableHead>{t("columns.server")}</TableHead>
                      <TableHead>{t("columns.leaseEnds")}</TableHead>
                    </TableRow>
                  </TableHeader>
                  <TableBody>
                    {section.vms.map(({ vm, access }) => (
                      <TableRow key={vm.id} data-testid={`vm-row-${vm.name}`}>
                        <TableCell>
                          <Link
                            className="font-medium underline-offset-4 hover:underline"
                            href={`/vms/${vm.id}`}
                          >
                            {vm.name}
                          </Link>
                          <LiveVmProgressLine id={vm.id} detail={vm.stateDetail} progress={vm.progress} />
                        </TableCell>
                        <TableCell>
                          <LiveVmStateBadge id={vm.id} initial={vm.live ?? vm.state} rule="dashboard" />
                        </TableCell>
                        <TableCell className="text-sm">
                          {t("size", {
                            cores: vm.cores,
                            memory: formatMemory(vm.memoryMb),
                            disk: formatGiB(vm.diskGb),
                          })}
                        </TableCell>
                        <TableCell className="font-mono text-xs">{vm.ipAddress ?? "—"}</TableCell>
                        <TableCell className="text-xs">{vm.node ?? "—"}</TableCell>
                        <TableCell className="text-xs" data-testid="vm-lease">
                          <div className="flex flex-wrap items-center gap-2">
                            <span>
                              {vm.leaseExempt
                                ? t("lease.exempt")
                                : vm.leaseExpiresAt
                                  ? t("lease.ends", {
                                      date: format.dateTime(vm.leaseExpiresAt, "day"),
                                      days: daysLeft(vm.leaseExpiresAt),
                                    })
                                  : "—"}
                            </span>
                            {vm.idleSince && <span className="text-muted-foreground">{t("lease.idle")}</span>}
                            {!vm.leaseExempt &&
                              vm.leaseExpiresAt &&
                              ["running", "stopped", "paused", "missing"].includes(vm.state) &&
                              daysLeft(vm.leaseExpiresAt) <= 30 &&
                              allows(access, "renew") && <RenewButton vmId={vm.id} name={vm.name} />}
                          </div>
                        </TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              )}
            </section>
          ))}
        </>
      )}
    </LiveVmsProvider>
  );
}
