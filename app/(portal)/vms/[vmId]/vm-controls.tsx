"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { DeleteVmDialog } from "@/components/delete-vm-dialog";
import { ResetVmDialog } from "@/components/reset-vm-dialog";
import { Button } from "@/components/ui/button";
import { FieldError } from "@/components/ui/field";
import { useActionRunner } from "@/hooks/use-action-runner";
import type { VmAction } from "@/lib/authz/vm-access";
import { isForcedPowerAction, powerActionsFor } from "@/lib/vms/power-actions";
import { recreateSeatVmAction } from "../../cohorts/actions";
import { deleteVmAction, powerVmAction, resetToBaselineAction } from "../actions";

/**
 * The VM's console, power, reset and delete buttons, each only when the person's access allows it; reset
 * only for a VM made with a baseline snapshot, re-create only for a class's VM.
 */
export function VmControls({
  vmId,
  name,
  state,
  allowed,
  hasBaseline = false,
  inClass = false,
}: {
  vmId: string;
  name: string;
  state: string;
  allowed: VmAction[];
  hasBaseline?: boolean;
  inClass?: boolean;
}) {
  const t = useTranslations("vmPage.controls");
  const power = useTranslations("common.power");
  const router = useRouter();
  const { run, pending, error } = useActionRunner({ refresh: true });
  const actions = allowed.includes("power") ? powerActionsFor(state) : [];
  const showConsole = allowed.includes("console") && (state === "running" || state === "paused");
  const showDelete = allowed.includes("delete") && state !== "provisioning";
  // A viewer has none of these: no empty block (and its gap) on their page.
  const mayReset = allowed.includes("snapshot") && (state === "running" || state === "stopped");
  const showReset = hasBaseline && mayReset;
  const showRecreate = inClass && mayReset;
  if (actions.length === 0 && !showConsole && !showDelete && !showReset && !showRecreate) return null;
  return (
    <div className="grid gap-6">
      {(actions.length > 0 || showConsole) && (
        <div className="flex flex-wrap gap-2">
          {showConsole && (
            <>
              <Button asChild>
                <Link href={`/vms/${vmId}/console`}>{t("console")}</Link>
              </Button>
              <Button asChild variant="outline">
                <Link href={`/vms/${vmId}/serial`}>{t("serialConsole")}</Link>
              </Button>
            </>
          )}
          {actions.map((action) => (
            <Button
              key={action}
              variant={isForcedPowerAction(action) ? "destructive" : "outline"}
              disabled={pending}
              onClick={() => run(() => powerVmAction({ vmId, action }))}
            >
              {power(action)}
            </Button>
          ))}
        </div>
      )}
      <FieldError>{error}</FieldError>
      {showReset && (
        <ResetVmDialog name={name} reset={(confirmName) => resetToBaselineAction({ vmId, confirmName })} />
      )}
      {showRecreate && (
        <ResetVmDialog
          name={name}
          kind="recreate"
          reset={(confirmName) => recreateSeatVmAction({ vmId, confirmName })}
        />
      )}
      {showDelete && (
        <DeleteVmDialog
          name={name}
          remove={(confirmName) => deleteVmAction({ vmId, confirmName })}
          onDeleted={() => router.push("/vms")}
        />
      )}
    </div>
  );
}
