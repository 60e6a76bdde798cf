import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/page-header";
import { QuotaBars } from "@/components/quota-bars";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { getUserById } from "@/db/queries/users";
import { listVmsForOwner } from "@/db/queries/vms";
import { getUserWith } from "@/lib/authz/current-user";
import { can } from "@/lib/authz/permissions";
import { formatGiB, formatMemory } from "@/lib/format";
import { getQuotaStatus } from "@/lib/quotas/effective-quota";
import { userAccount } from "@/lib/quotas/quota-account";
import { DisableButton } from "../disable-button";
import { QuotaOverrideForm } from "./quota-override-form";

export async function generateMetadata() {
  const t = await getTranslations("adminUsers.user");
  return { title: t("title") };
}

export default async function UserPage({ params }: { params: Promise<{ userId: string }> }) {
  const viewer = await getUserWith("admin:read");
  if (!viewer) notFound();
  const t = await getTranslations("adminUsers");
  const { userId } = await params;
  const person = await getUserById({ id: userId });
  if (!person) notFound();
  const [status, vms] = await Promise.all([
    getQuotaStatus(userAccount(person.id)),
    listVmsForOwner({ ownerId: person.id }),
  ]);
  return (
    <>
      <PageHeader
        title={person.name ?? person.username ?? person.email ?? person.id}
        description={
          <>
            {person.email} · <Badge variant="secondary">{t(`roles.${person.role}`)}</Badge> ·{" "}
            {person.groups.length ? person.groups.join(", ") : t("user.noGroups")}
            {person.disabled && <Badge variant="destructive">{t("disabled")}</Badge>}
          </>
        }
        actions={
          <DisableButton
            userId={person.id}
            disabled={person.disabled}
            canChange={can(viewer.role, "admin:write") && person.id !== viewer.id}
            offerStop={vms.some((vm) => vm.state === "running" || vm.state === "paused")}
          />
        }
      />
      <Card>
        <CardHeader>
          <CardTitle>{t("user.quota")}</CardTitle>
          <CardDescription>{t(`user.source.${status.source}`)}</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-6">
          <QuotaBars quota={status.quota} usage={status.usage} />
          <QuotaOverrideForm
            userId={person.id}
            initial={status.quota}
            hasOverride={status.source === "override"}
            canChange={can(viewer.role, "admin:write")}
          />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>{t("user.vms")}</CardTitle>
        </CardHeader>
        <CardContent>
          {vms.length === 0 ? (
            <p className="text-sm text-muted-foreground">{t("user.noVms")}</p>
          ) : (
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHead>{t("user.name")}</TableHead>
                  <TableHead>{t("user.state")}</TableHead>
                  <TableHead>{t("user.size")}</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {vms.map((vm) => (
                  <TableRow key={vm.id}>
                    <TableCell>{vm.name}</TableCell>
                    <TableCell>{vm.state}</TableCell>
                    <TableCell>
                      {t("user.vmSize", {
                        cores: vm.cores,
                        memory: formatMemory(vm.memoryMb),
                        disk: formatGiB(vm.diskGb),
                      })}
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
