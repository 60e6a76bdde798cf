"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { DeleteVmDialog } from "@/components/delete-vm-dialog";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Field, FieldError, FieldLabel } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { NativeSelect, NativeSelectOptGroup, NativeSelectOption } from "@/components/ui/native-select";
import { useActionRunner } from "@/hooks/use-action-runner";
import { isForcedPowerAction, powerActionsFor } from "@/lib/vms/power-actions";
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
  projectId: string | null;
  leaseEndsOn: string | null;
  exempt: boolean;
}

/** The same power buttons per state as the owner gets, from the one table in lib/vms/power-actions. */
function PowerButtons({ vm, canChange }: { vm: AdminVm; canChange: boolean }) {
  const t = useTranslations("adminVms.actions.power");
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
                success: t("done", { action: t(action) }),
              })
            }
          >
            {t(action)}
          </Button>
        ))}
      </div>
      <FieldError>{error}</FieldError>
    </div>
  );
}

function LeaseControls({ vm, canChange }: { vm: AdminVm; canChange: boolean }) {
  const t = useTranslations("adminVms.actions.lease");
  const [endsOn, setEndsOn] = useState(vm.leaseEndsOn ?? "");
  const { run, pending, error } = useActionRunner({ refresh: true });
  return (
    <Field data-invalid={Boolean(error)} className="gap-1.5">
      <FieldLabel htmlFor="lease-ends">{t("endsOn")}</FieldLabel>
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
              success: t("set", { endsOn }),
            })
          }
        >
          {t("setButton")}
        </Button>
        <Button
          variant="outline"
          disabled={!canChange || pending}
          onClick={() =>
            run(() => adminSetLeaseAction({ vmId: vm.id, exempt: !vm.exempt }), {
              success: vm.exempt ? t("lifted") : t("exempted"),
            })
          }
        >
          {vm.exempt ? t("lift") : t("exempt")}
        </Button>
      </div>
      <FieldError>{error}</FieldError>
    </Field>
  );
}

type Choice = { id: string; label: string };

/** "user:<id>" or "project:<id>", as the one select names either. */
function transferTarget(value: string): { ownerId: string } | { projectId: string } {
  const [kind, id] = [value.slice(0, value.indexOf(":")), value.slice(value.indexOf(":") + 1)];
  return kind === "project" ? { projectId: id } : { ownerId: id };
}

function TransferControl({
  vm,
  people,
  projects,
  canChange,
}: {
  vm: AdminVm;
  people: Choice[];
  projects: Choice[];
  canChange: boolean;
}) {
  const t = useTranslations("adminVms.actions.transfer");
  const [newOwner, setNewOwner] = useState("");
  const { run, pending, error } = useActionRunner({ refresh: true });
  return (
    <Field data-invalid={Boolean(error)} className="gap-1.5">
      <FieldLabel htmlFor="new-owner">{t("to")}</FieldLabel>
      <div className="flex flex-wrap gap-2">
        <NativeSelect
          id="new-owner"
          value={newOwner}
          aria-invalid={Boolean(error)}
          onChange={(event) => setNewOwner(event.target.value)}
        >
          <NativeSelectOption value="">{t("pick")}</NativeSelectOption>
          <NativeSelectOptGroup label={t("people")}>
            {people
              .filter((person) => vm.projectId !== null || person.id !== vm.ownerId)
              .map((person) => (
                <NativeSelectOption key={person.id} value={`user:${person.id}`}>
                  {person.label}
                </NativeSelectOption>
              ))}
          </NativeSelectOptGroup>
          {projects.length > 0 && (
            <NativeSelectOptGroup label={t("projects")}>
              {projects
                .filter((project) => project.id !== vm.projectId)
                .map((project) => (
                  <NativeSelectOption key={project.id} value={`project:${project.id}`}>
                    {project.label}
                  </NativeSelectOption>
                ))}
            </NativeSelectOptGroup>
          )}
        </NativeSelect>
        <Button
          variant="outline"
          disabled={!canChange || pending || !newOwner}
          onClick={() =>
            run(() => adminTransferVmAction({ vmId: vm.id, ...transferTarget(newOwner) }), {
              success: t("done"),
              onSuccess: () => setNewOwner(""),
            })
          }
        >
          {t("button")}
        </Button>
      </div>
      <FieldError>{error}</FieldError>
    </Field>
  );
}

export function AdminVmActions({
  vm,
  people,
  projects,
  canChange,
}: {
  vm: AdminVm;
  people: Choice[];
  projects: Choice[];
  canChange: boolean;
}) {
  const t = useTranslations("adminVms.actions");
  const router = useRouter();
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("title")}</CardTitle>
      </CardHeader>
      <CardContent className="grid gap-5">
        <PowerButtons vm={vm} canChange={canChange} />
        <LeaseControls vm={vm} canChange={canChange} />
        <TransferControl vm={vm} people={people} projects={projects} canChange={canChange} />
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
