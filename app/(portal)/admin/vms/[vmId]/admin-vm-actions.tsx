"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import type { ActionResult } from "@/lib/actions/action-result";
import {
  adminDeleteVmAction,
  adminPowerVmAction,
  adminSetLeaseAction,
  adminTransferVmAction,
} from "../actions";

interface Props {
  vm: {
    id: string;
    name: string;
    state: string;
    ownerId: string;
    leaseEndsOn: string | null;
    exempt: boolean;
  };
  people: { id: string; label: string }[];
  canChange: boolean;
}

const powerFor: Record<string, ("start" | "shutdown" | "stop" | "reboot")[]> = {
  running: ["shutdown", "reboot", "stop"],
  stopped: ["start"],
  paused: ["stop"],
};
const label = { start: "Start", shutdown: "Shut down", stop: "Force stop", reboot: "Reboot" } as const;

export function AdminVmActions({ vm, people, canChange }: Props) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [endsOn, setEndsOn] = useState(vm.leaseEndsOn ?? "");
  const [newOwner, setNewOwner] = useState("");
  const [confirm, setConfirm] = useState("");
  const run = (action: () => Promise<ActionResult<unknown>>, done: string, after?: () => void) =>
    start(async () => {
      const result = await action();
      setMessage(result.ok ? { ok: true, text: done } : { ok: false, text: result.error });
      if (result.ok) (after ?? router.refresh)();
    });
  return (
    <Card>
      <CardHeader>
        <CardTitle>Act on this VM</CardTitle>
      </CardHeader>
      <CardContent className="grid gap-5">
        {message && (
          <p
            role={message.ok ? "status" : "alert"}
            className={message.ok ? "text-sm" : "text-sm text-destructive"}
          >
            {message.text}
          </p>
        )}
        <div className="flex flex-wrap gap-2">
          {(powerFor[vm.state] ?? []).map((action) => (
            <Button
              key={action}
              variant={action === "stop" ? "destructive" : "outline"}
              disabled={!canChange || pending}
              onClick={() =>
                run(() => adminPowerVmAction({ vmId: vm.id, action }), `${label[action]}: done.`)
              }
            >
              {label[action]}
            </Button>
          ))}
        </div>
        <div className="flex flex-wrap items-end gap-2">
          <div className="grid gap-1.5">
            <Label htmlFor="lease-ends">Lease ends on</Label>
            <Input
              id="lease-ends"
              type="date"
              value={endsOn}
              onChange={(event) => setEndsOn(event.target.value)}
            />
          </div>
          <Button
            variant="outline"
            disabled={!canChange || pending || !endsOn}
            onClick={() =>
              run(() => adminSetLeaseAction({ vmId: vm.id, endsOn }), `Lease set to end on ${endsOn}.`)
            }
          >
            Set lease
          </Button>
          <Button
            variant="outline"
            disabled={!canChange || pending}
            onClick={() =>
              run(
                () => adminSetLeaseAction({ vmId: vm.id, exempt: !vm.exempt }),
                vm.exempt ? "Exemption lifted." : "Exempted from lease expiry.",
              )
            }
          >
            {vm.exempt ? "Lift exemption" : "Exempt from expiry"}
          </Button>
        </div>
        <div className="flex flex-wrap items-end gap-2">
          <div className="grid gap-1.5">
            <Label htmlFor="new-owner">Transfer to</Label>
            <select
              id="new-owner"
              value={newOwner}
              onChange={(event) => setNewOwner(event.target.value)}
              className="h-9 rounded-md border bg-background px-2 text-sm"
            >
              <option value="">Pick a person</option>
              {people
                .filter((person) => person.id !== vm.ownerId)
                .map((person) => (
                  <option key={person.id} value={person.id}>
                    {person.label}
                  </option>
                ))}
            </select>
          </div>
          <Button
            variant="outline"
            disabled={!canChange || pending || !newOwner}
            onClick={() =>
              run(() => adminTransferVmAction({ vmId: vm.id, ownerId: newOwner }), "Transferred.")
            }
          >
            Transfer
          </Button>
        </div>
        <div className="flex flex-wrap items-end gap-2">
          <div className="grid gap-1.5">
            <Label htmlFor="confirm-delete">Delete: type {vm.name}</Label>
            <Input id="confirm-delete" value={confirm} onChange={(event) => setConfirm(event.target.value)} />
          </div>
          <Button
            variant="destructive"
            disabled={!canChange || pending || confirm !== vm.name}
            onClick={() =>
              run(
                () => adminDeleteVmAction({ vmId: vm.id, confirmName: confirm }),
                "Deleted.",
                () => router.push("/admin/vms"),
              )
            }
          >
            Delete VM
          </Button>
        </div>
      </CardContent>
    </Card>
  );
}
