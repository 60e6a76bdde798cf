import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/page-header";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { listGroups } from "@/db/queries/groups";
import { getUserWith } from "@/lib/authz/current-user";
import { can } from "@/lib/authz/permissions";
import { getSetting } from "@/lib/settings/settings";
import { DefaultQuotaForm } from "./default-quota-form";
import { GroupForm } from "./group-form";

export const metadata: Metadata = { title: "Groups and quotas" };

export default async function GroupsPage() {
  const viewer = await getUserWith("admin:read");
  if (!viewer) notFound();
  const canChange = can(viewer.role, "admin:write");
  const [groups, defaultQuota] = await Promise.all([listGroups(), getSetting("quota.default")]);
  return (
    <>
      <PageHeader
        title="Groups and quotas"
        description="A person's quota is their own override if you set one (on Users), else the most generous of their groups' quotas, else the default."
      />
      <Card>
        <CardHeader>
          <CardTitle>Default quota</CardTitle>
          <CardDescription>For everyone whose groups have no quota here.</CardDescription>
        </CardHeader>
        <CardContent>
          <DefaultQuotaForm initial={defaultQuota} canChange={canChange} />
        </CardContent>
      </Card>
      {groups.map((group) => (
        <Card key={group.id}>
          <CardHeader>
            <CardTitle>{group.name}</CardTitle>
            {group.description && <CardDescription>{group.description}</CardDescription>}
          </CardHeader>
          <CardContent>
            <GroupForm
              canChange={canChange}
              initial={{
                id: group.id,
                name: group.name,
                description: group.description,
                role: group.role,
                quota: {
                  vms: group.maxVms,
                  cores: group.maxCores,
                  memoryMb: group.maxMemoryMb,
                  diskGb: group.maxDiskGb,
                  snapshots: group.maxSnapshots,
                },
              }}
            />
          </CardContent>
        </Card>
      ))}
      <Card>
        <CardHeader>
          <CardTitle>Add a group</CardTitle>
          <CardDescription>
            Name it exactly as your identity provider's groups claim does; its members get this quota.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <GroupForm canChange={canChange} />
        </CardContent>
      </Card>
    </>
  );
}
