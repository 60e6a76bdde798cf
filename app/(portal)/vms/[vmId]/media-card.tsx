"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Label } from "@/components/ui/label";
import type { ActionResult } from "@/lib/actions/action-result";
import { setBootOrderAction, setCdromAction } from "../actions";

export function MediaCard({ vmId, isos }: { vmId: string; isos: { id: string; label: string }[] }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [isoId, setIsoId] = useState(isos[0]?.id ?? "");
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const run = (task: () => Promise<ActionResult<unknown>>, done: string) =>
    start(async () => {
      const result = await task();
      setMessage(result.ok ? { error: false, text: done } : { error: true, text: result.error });
      if (result.ok) router.refresh();
    });
  return (
    <Card>
      <CardHeader>
        <CardTitle>CD drive and boot</CardTitle>
        <CardDescription>
          Insert an approved ISO to install or rescue the system, and choose what boots first.
        </CardDescription>
      </CardHeader>
      <CardContent className="flex flex-wrap items-end gap-3">
        {isos.length > 0 && (
          <div className="grid gap-1.5">
            <Label htmlFor="media-iso">ISO</Label>
            <select
              id="media-iso"
              className="h-9 rounded-md border bg-transparent px-2 text-sm"
              value={isoId}
              onChange={(event) => setIsoId(event.target.value)}
            >
              {isos.map((iso) => (
                <option key={iso.id} value={iso.id}>
                  {iso.label}
                </option>
              ))}
            </select>
          </div>
        )}
        {isos.length > 0 && (
          <Button
            variant="outline"
            disabled={pending}
            onClick={() => run(() => setCdromAction({ vmId, isoId }), "Inserted.")}
          >
            Insert
          </Button>
        )}
        <Button
          variant="outline"
          disabled={pending}
          onClick={() => run(() => setCdromAction({ vmId, isoId: null }), "Ejected.")}
        >
          Eject
        </Button>
        <Button
          variant="ghost"
          disabled={pending}
          onClick={() => run(() => setBootOrderAction({ vmId, first: "cdrom" }), "Boots from the CD first.")}
        >
          Boot from CD first
        </Button>
        <Button
          variant="ghost"
          disabled={pending}
          onClick={() => run(() => setBootOrderAction({ vmId, first: "disk" }), "Boots from the disk first.")}
        >
          Boot from disk first
        </Button>
        {message && (
          <p
            role={message.error ? "alert" : "status"}
            className={message.error ? "w-full text-sm text-destructive" : "w-full text-sm"}
          >
            {message.text}
          </p>
        )}
      </CardContent>
    </Card>
  );
}
