"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { isForcedPowerAction, powerActionLabels, powerActionsFor } from "@/lib/vms/power-actions";
import { deleteVmAction, powerVmAction } from "../actions";

export function VmControls({ vmId, name, state }: { vmId: string; name: string; state: string }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  const [confirm, setConfirm] = useState("");
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
              onClick={() =>
                start(async () => {
                  const result = await powerVmAction({ vmId, action });
                  setMessage(result.ok ? null : result.error);
                  router.refresh();
                })
              }
            >
              {powerActionLabels[action]}
            </Button>
          ))}
        </div>
      )}
      {message && (
        <p role="alert" className="text-sm text-destructive">
          {message}
        </p>
      )}
      {state !== "provisioning" && (
        <form
          className="grid gap-2 rounded-lg border border-destructive/40 p-4 sm:max-w-md"
          onSubmit={(event) => {
            event.preventDefault();
            start(async () => {
              const result = await deleteVmAction({ vmId, confirmName: confirm });
              if (result.ok) router.push("/vms");
              else setMessage(result.error);
            });
          }}
        >
          <Label htmlFor="confirm-delete">
            Delete this VM: type <code>{name}</code> to confirm
          </Label>
          <Input
            id="confirm-delete"
            value={confirm}
            onChange={(event) => setConfirm(event.target.value)}
            autoComplete="off"
          />
          <div>
            <Button type="submit" variant="destructive" disabled={pending || confirm !== name}>
              Delete VM
            </Button>
          </div>
        </form>
      )}
    </div>
  );
}
