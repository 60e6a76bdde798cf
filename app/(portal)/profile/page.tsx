import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/page-header";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { listSshKeys } from "@/db/queries/ssh-keys";
import { getUserById } from "@/db/queries/users";
import { getCurrentUser } from "@/lib/authz/current-user";
import { formatDay } from "@/lib/format";
import { SshKeysCard } from "./ssh-keys-card";

export const metadata: Metadata = { title: "Profile" };

export default async function ProfilePage() {
  const current = await getCurrentUser();
  const user = current && (await getUserById({ id: current.id }));
  if (!user) notFound();
  const keys = await listSshKeys({ userId: user.id });
  const rows: [string, string][] = [
    ["Name", user.name ?? "—"],
    ["Username", user.username ?? "—"],
    ["E-mail", user.email ?? "—"],
    ["Last sign-in", user.lastLoginAt?.toLocaleString("en-GB", { timeZone: "UTC" }) ?? "—"],
  ];
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title="Profile"
        description="What your organisation's sign-in tells Roost about you, and your SSH keys."
      />
      <Card>
        <CardHeader>
          <CardTitle className="flex items-center gap-2">
            {user.name ?? user.username} <Badge variant="secondary">{user.role}</Badge>
          </CardTitle>
        </CardHeader>
        <CardContent>
          <dl className="grid grid-cols-[8rem_1fr] gap-y-2 text-sm">
            {rows.map(([label, value]) => (
              <div key={label} className="contents">
                <dt className="text-muted-foreground">{label}</dt>
                <dd>{value}</dd>
              </div>
            ))}
            <dt className="text-muted-foreground">Groups</dt>
            <dd className="flex flex-wrap gap-1">
              {user.groups.length === 0
                ? "—"
                : user.groups.map((group) => (
                    <Badge key={group} variant="outline">
                      {group}
                    </Badge>
                  ))}
            </dd>
          </dl>
        </CardContent>
      </Card>
      <SshKeysCard
        keys={keys.map((key) => ({
          id: key.id,
          label: key.label,
          fingerprint: key.fingerprint,
          type: key.publicKey.split(" ")[0] ?? "",
          addedOn: formatDay(key.createdAt),
        }))}
      />
    </div>
  );
}
