"use client";

import { useTranslations } from "next-intl";
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
  const t = useTranslations("adminVms.adopt");
  const { run, pending, error } = useActionRunner({ refresh: true });
  const [owners, setOwners] = useState<Record<string, string>>({});
  if (vms.length === 0) return <p className="text-sm text-muted-foreground">{t("none")}</p>;
  return (
    <>
      <FieldError>{error}</FieldError>
      <Table>
        <TableHeader>
          <TableRow>
            <TableHead>{t("vm")}</TableHead>
            <TableHead>{t("where")}</TableHead>
            <TableHead>{t("state")}</TableHead>
            <TableHead>{t("owner")}</TableHead>
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
                  {vm.pool
                    ? t("whereInPool", { cluster: vm.clusterId, node: vm.node, pool: vm.pool })
                    : `${vm.clusterId} · ${vm.node}`}
                </TableCell>
                <TableCell className="text-xs">{vm.status}</TableCell>
                <TableCell>
                  <NativeSelect
                    className="h-8"
                    aria-label={t("ownerFor", { name: vm.name })}
                    value={owners[key] ?? ""}
                    onChange={(event) => setOwners({ ...owners, [key]: event.target.value })}
                  >
                    <NativeSelectOption value="">{t("pickPerson")}</NativeSelectOption>
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
                        { success: t("adopted", { name: vm.name }) },
                      )
                    }
                  >
                    {t("adopt")}
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
