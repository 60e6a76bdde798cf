"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { AdoptableVm } from "@/lib/vms/adopt-vm";
import { adoptVmAction } from "../actions";

export function AdoptList({
  vms,
  people,
  canChange,
}: {
  vms: AdoptableVm[];
  people: { id: string; label: string }[];
  canChange: boolean;
}) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [owners, setOwners] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  if (vms.length === 0)
    return <p className="text-sm text-muted-foreground">Every VM on the clusters is in the portal.</p>;
  return (
    <>
      {message && (
        <p role="status" className="text-sm">
          {message}
        </p>
      )}
      <Table>
        <TableHeader>
          <TableRow>
            <TableHead>VM</TableHead>
            <TableHead>Where</TableHead>
            <TableHead>State</TableHead>
            <TableHead>Owner</TableHead>
            <TableHead />
          </TableRow>
        </TableHeader>
        <TableBody>
          {vms.map((vm) => {
            const key = `${vm.clusterId}/${vm.vmid}`;
            return (
              <TableRow key={key} data-testid={`adoptable-${vm.vmid}`}>
                <TableCell>
                  {vm.name} <span className="text-muted-foreground">({vm.vmid})</span>
                </TableCell>
                <TableCell className="text-xs">
                  {vm.clusterId} · {vm.node}
                  {vm.pool && ` · pool ${vm.pool}`}
                </TableCell>
                <TableCell className="text-xs">{vm.status}</TableCell>
                <TableCell>
                  <select
                    aria-label={`Owner for ${vm.name}`}
                    value={owners[key] ?? ""}
                    onChange={(event) => setOwners({ ...owners, [key]: event.target.value })}
                    className="h-8 rounded-md border bg-background px-2 text-sm"
                  >
                    <option value="">Pick a person</option>
                    {people.map((person) => (
                      <option key={person.id} value={person.id}>
                        {person.label}
                      </option>
                    ))}
                  </select>
                </TableCell>
                <TableCell>
                  <Button
                    size="sm"
                    disabled={!canChange || pending || !owners[key]}
                    onClick={() =>
                      start(async () => {
                        const result = await adoptVmAction({
                          clusterId: vm.clusterId,
                          vmid: vm.vmid,
                          ownerId: owners[key]!,
                        });
                        setMessage(result.ok ? `${vm.name} is now in the portal.` : result.error);
                        if (result.ok) router.refresh();
                      })
                    }
                  >
                    Adopt
                  </Button>
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </>
  );
}
