import { Users } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { listUsers } from "@/db/queries/users";
import { getUserWith } from "@/lib/authz/current-user";
import { can } from "@/lib/authz/permissions";
import { DisableButton } from "./disable-button";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage({ searchParams }: { searchParams: Promise<{ q?: string }> }) {
  const viewer = await getUserWith("admin:read");
  if (!viewer) notFound();
  const { q } = await searchParams;
  const people = await listUsers({ search: q?.trim() || undefined });
  const canChange = can(viewer.role, "admin:write");
  return (
    <>
      <PageHeader
        title="Users"
        description="Everyone who has signed in. Roles follow their identity-provider groups."
      />
      <form method="get" className="flex max-w-md gap-2">
        <Input
          name="q"
          defaultValue={q}
          placeholder="Search by name, username or e-mail"
          aria-label="Search users"
        />
        <Button type="submit" variant="secondary">
          Search
        </Button>
      </form>
      {people.length === 0 ? (
        <EmptyState icon={Users} title={q ? "Nobody matches" : "Nobody has signed in yet"}>
          {q ? "Try another search." : "People appear here after their first sign-in."}
        </EmptyState>
      ) : (
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>Name</TableHead>
              <TableHead>Username</TableHead>
              <TableHead>Role</TableHead>
              <TableHead>Status</TableHead>
              <TableHead className="text-right">Access</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {people.map((person) => (
              <TableRow key={person.id} data-testid={`user-row-${person.username ?? person.id}`}>
                <TableCell>
                  <Link
                    className="font-medium underline-offset-4 hover:underline"
                    href={`/admin/users/${person.id}`}
                  >
                    {person.name ?? person.username ?? person.id}
                  </Link>
                  <div className="text-xs text-muted-foreground">{person.email}</div>
                </TableCell>
                <TableCell className="font-mono text-xs">{person.username ?? "—"}</TableCell>
                <TableCell>
                  <Badge variant="secondary">{person.role}</Badge>
                </TableCell>
                <TableCell>
                  {person.disabled ? <Badge variant="destructive">disabled</Badge> : "active"}
                </TableCell>
                <TableCell>
                  <DisableButton
                    userId={person.id}
                    disabled={person.disabled}
                    canChange={canChange && person.id !== viewer.id}
                  />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </>
  );
}
