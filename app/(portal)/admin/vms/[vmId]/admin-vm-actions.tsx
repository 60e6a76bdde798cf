"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { DeleteVmDialog } from "@/components/delete-vm-dialog";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Field, FieldError, FieldLabel } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { NativeSelect, NativeSelectOption } from "@/components/ui/native-select";
import { useActionRunner } from "@/hooks/use-action-runner";
import { isForcedPowerAction, powerActionLabels, powerActionsFor } from "@/lib/vms/power-actions";
import {
  adminDeleteVmAction,
  adminPowerVmAction,
  adminSetLeaseAction,
  adminTransferVmAction,
} from "../actions";

interface AdminVm {
  id: string;
  name: string;
  state: string;
  ownerId: string;
  leaseEndsOn: string | null;
  exempt: boolean;
}

/** The same power buttons per state as the owner gets, from the one table in lib/vms/power-actions. */
function PowerButtons({ vm, canChange }: { vm: AdminVm; canChange: boolean }) {
  const { run, pending, error } = useActionRunner({ refresh: true });
  return (
    <div className="grid gap-2">
      <div className="flex flex-wrap gap-2">
        {powerActionsFor(vm.state).map((action) => (
          <Button
            key={action}
            variant={isForcedPowerAction(action) ? "destructive" : "outline"}
            disabled={!canChange || pending}
            onClick={() =>
              run(() => adminPowerVmAction({ vmId: vm.id, action }), {
                success: `${powerActionLabels[action]}: done.`,
              })
            }
          >
            {powerActionLabels[action]}
          </Button>
        ))}
      </div>
      <FieldError>{error}</FieldError>
    </div>
  );
}

function LeaseControls({ vm, canChange }: { vm: AdminVm; canChange: boolean }) {
  const [endsOn, setEndsOn] = useState(vm.leaseEndsOn ?? "");
  const { run, pending, error } = useActionRunner({ refresh: true });
  return (
    <Field data-invalid={Boolean(error)} className="gap-1.5">
      <FieldLabel htmlFor="lease-ends">Lease ends on</FieldLabel>
      <div className="flex flex-wrap gap-2">
        <Input
          id="lease-ends"
          type="date"
          className="w-fit"
          value={endsOn}
          aria-invalid={Boolean(error)}
          onChange={(event) => setEndsOn(event.target.value)}
        />
        <Button
          variant="outline"
          disabled={!canChange || pending || !endsOn}
          onClick={() =>
            run(() => adminSetLeaseAction({ vmId: vm.id, endsOn }), {
              success: `Lease set to end on ${endsOn}.`,
            })
          }
        >
          Set lease
        </Button>
        <Button
          variant="outline"
          disabled={!canChange || pending}
          onClick={() =>
            run(() => adminSetLeaseAction({ vmId: vm.id, exempt: !vm.exempt }), {
              success: vm.exempt ? "Exemption lifted." : "Exempted from lease expiry.",
            })
          }
        >
          {vm.exempt ? "Lift exemption" : "Exempt from expiry"}
        </Button>
      </div>
      <FieldError>{error}</FieldError>
    </Field>
  );
}

function TransferControl({
  vm,
  people,
  canChange,
}: {
  vm: AdminVm;
  people: { id: string; label: string }[];
  canChange: boolean;
}) {
  const [newOwner, setNewOwner] = useState("");
  const { run, pending, error } = useActionRunner({ refresh: true });
  return (
    <Field data-invalid={Boolean(error)} className="gap-1.5">
      <FieldLabel htmlFor="new-owner">Transfer to</FieldLabel>
      <div className="flex flex-wrap gap-2">
        <NativeSelect
          id="new-owner"
          value={newOwner}
          aria-invalid={Boolean(error)}
          onChange={(event) => setNewOwner(event.target.value)}
        >
          <NativeSelectOption value="">Pick a person</NativeSelectOption>
          {people
            .filter((person) => person.id !== vm.ownerId)
            .map((person) => (
              <NativeSelectOption key={person.id} value={person.id}>
                {person.label}
              </NativeSelectOption>
            ))}
        </NativeSelect>
        <Button
          variant="outline"
          disabled={!canChange || pending || !newOwner}
          onClick={() =>
            run(() => adminTransferVmAction({ vmId: vm.id, ownerId: newOwner }), {
              success: "Transferred.",
              onSuccess: () => setNewOwner(""),
            })
          }
        >
          Transfer
        </Button>
      </div>
      <FieldError>{error}</FieldError>
    </Field>
  );
}

export function AdminVmActions({
  vm,
  people,
  canChange,
}: {
  vm: AdminVm;
  people: { id: string; label: string }[];
  canChange: boolean;
}) {
  const router = useRouter();
  return (
    <Card>
      <CardHeader>
        <CardTitle>Act on this VM</CardTitle>
      </CardHeader>
      <CardContent className="grid gap-5">
        <PowerButtons vm={vm} canChange={canChange} />
        <LeaseControls vm={vm} canChange={canChange} />
        <TransferControl vm={vm} people={people} canChange={canChange} />
        {canChange && (
          <DeleteVmDialog
            name={vm.name}
            remove={(confirmName) => adminDeleteVmAction({ vmId: vm.id, confirmName })}
            onDeleted={() => router.push("/admin/vms")}
          />
        )}
      </CardContent>
    </Card>
  );
}
