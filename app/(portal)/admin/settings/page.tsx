import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/page-header";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { getUserWith } from "@/lib/authz/current-user";
import { can } from "@/lib/authz/permissions";
import { getSetting } from "@/lib/settings/settings";
import { GeneralSettingsForm } from "./general-settings-form";
import { LeaseSettingsForm } from "./lease-settings-form";
import { RunSweepButton } from "./run-sweep-button";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const viewer = await getUserWith("admin:read");
  if (!viewer) notFound();
  const canChange = can(viewer.role, "admin:write");
  const [policy, idle, portalName, ignoredPools, consoleLimits] = await Promise.all([
    getSetting("lease.policy"),
    getSetting("lease.idle"),
    getSetting("portal.name"),
    getSetting("pools.ignored"),
    getSetting("console.limits"),
  ]);
  return (
    <>
      <PageHeader title="Settings" description="How long VMs live, and how the portal behaves." />
      <Card>
        <CardHeader>
          <CardTitle>Leases</CardTitle>
          <CardDescription>
            Every VM gets a lease when it is made. Owners are reminded before it ends; at the end the VM
            stops, and after the grace period it is deleted unless renewed. The sweep runs every hour.
          </CardDescription>
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
          <CardTitle>General</CardTitle>
        </CardHeader>
        <CardContent>
          <GeneralSettingsForm
            initial={{ portalName, ignoredPools, console: consoleLimits }}
            canChange={canChange}
          />
        </CardContent>
      </Card>
    </>
  );
}
