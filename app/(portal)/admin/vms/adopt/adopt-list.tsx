"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FieldError } from "@/components/ui/field";
import { NativeSelect, NativeSelectOption } from "@/components/ui/native-select";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useActionRunner } from "@/hooks/use-action-runner";
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
  const { run, pending, error } = useActionRunner({ refresh: true });
  const [owners, setOwners] = useState<Record<string, string>>({});
  if (vms.length === 0)
    return <p className="text-sm text-muted-foreground">Every VM on the clusters is in the portal.</p>;
  return (
    <>
      <FieldError>{error}</FieldError>
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
                  <NativeSelect
                    className="h-8"
                    aria-label={`Owner for ${vm.name}`}
                    value={owners[key] ?? ""}
                    onChange={(event) => setOwners({ ...owners, [key]: event.target.value })}
                  >
                    <NativeSelectOption value="">Pick a person</NativeSelectOption>
                    {people.map((person) => (
                      <NativeSelectOption key={person.id} value={person.id}>
                        {person.label}
                      </NativeSelectOption>
                    ))}
                  </NativeSelect>
                </TableCell>
                <TableCell>
                  <Button
                    className="h-8"
                    disabled={!canChange || pending || !owners[key]}
                    onClick={() =>
                      run(
                        () =>
                          adoptVmAction({ clusterId: vm.clusterId, vmid: vm.vmid, ownerId: owners[key]! }),
                        { success: `${vm.name} is now in the portal.` },
                      )
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
