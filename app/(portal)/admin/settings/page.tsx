import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/page-header";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { getUserWith } from "@/lib/authz/current-user";
import { can } from "@/lib/authz/permissions";
import { getSetting } from "@/lib/settings/settings";
import { ApiTokenSettingsForm } from "./api-token-settings-form";
import { ClassSettingsForm } from "./class-settings-form";
import { GeneralSettingsForm } from "./general-settings-form";
import { LeaseSettingsForm } from "./lease-settings-form";
import { RunSweepButton } from "./run-sweep-button";

export async function generateMetadata() {
  const t = await getTranslations("adminSettings");
  return { title: t("title") };
}

export default async function SettingsPage() {
  const viewer = await getUserWith("admin:read");
  if (!viewer) notFound();
  const t = await getTranslations("adminSettings");
  const canChange = can(viewer.role, "admin:write");
  const [policy, idle, portalName, ignoredPools, consoleLimits, locale, apiTokens, idleStop, concurrency] =
    await Promise.all([
      getSetting("lease.policy"),
      getSetting("lease.idle"),
      getSetting("portal.name"),
      getSetting("pools.ignored"),
      getSetting("console.limits"),
      getSetting("portal.locale"),
      getSetting("api.tokens"),
      getSetting("idle.stop"),
      getSetting("cohorts.concurrency"),
    ]);
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <Card>
        <CardHeader>
          <CardTitle>{t("leases.title")}</CardTitle>
          <CardDescription>{t("leases.description")}</CardDescription>
        </CardHeader>
        <CardContent>
          <div className="grid gap-6">
            <LeaseSettingsForm initial={{ policy, idle }} canChange={canChange} />
            <RunSweepButton canChange={canChange} />
          </div>
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>{t("general.title")}</CardTitle>
        </CardHeader>
        <CardContent>
          <GeneralSettingsForm
            initial={{ portalName, ignoredPools, console: consoleLimits, locale }}
            canChange={canChange}
          />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>{t("classes.title")}</CardTitle>
          <CardDescription>{t("classes.description")}</CardDescription>
        </CardHeader>
        <CardContent>
          <ClassSettingsForm initial={{ idleStop, concurrency }} canChange={canChange} />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>{t("apiTokens.title")}</CardTitle>
          <CardDescription>{t("apiTokens.description")}</CardDescription>
        </CardHeader>
        <CardContent>
          <ApiTokenSettingsForm initial={apiTokens} canChange={canChange} />
        </CardContent>
      </Card>
    </>
  );
}
