"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { DeleteVmDialog } from "@/components/delete-vm-dialog";
import { Button } from "@/components/ui/button";
import { FieldError } from "@/components/ui/field";
import { useActionRunner } from "@/hooks/use-action-runner";
import { isForcedPowerAction, powerActionLabels, powerActionsFor } from "@/lib/vms/power-actions";
import { deleteVmAction, powerVmAction } from "../actions";

export function VmControls({ vmId, name, state }: { vmId: string; name: string; state: string }) {
  const router = useRouter();
  const { run, pending, error } = useActionRunner({ refresh: true });
  const actions = powerActionsFor(state);
  return (
    <div className="grid gap-6">
      {actions.length > 0 && (
        <div className="flex flex-wrap gap-2">
          {(state === "running" || state === "paused") && (
            <>
              <Button asChild>
                <Link href={`/vms/${vmId}/console`}>Console</Link>
              </Button>
              <Button asChild variant="outline">
                <Link href={`/vms/${vmId}/serial`}>Serial console</Link>
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
              {powerActionLabels[action]}
            </Button>
          ))}
        </div>
      )}
      <FieldError>{error}</FieldError>
      {state !== "provisioning" && (
        <DeleteVmDialog
          name={name}
          remove={(confirmName) => deleteVmAction({ vmId, confirmName })}
          onDeleted={() => router.push("/vms")}
        />
      )}
    </div>
  );
}
