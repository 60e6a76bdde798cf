"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import type { ActionResult } from "@/lib/actions/action-result";
import { createSnapshotAction, deleteSnapshotAction, rollbackSnapshotAction } from "../actions";

export interface SnapshotView {
  name: string;
  description: string;
  takenAt: string | null;
}

export function SnapshotsCard({
  vmId,
  snapshots,
  remaining,
}: {
  vmId: string;
  snapshots: SnapshotView[] | null;
  remaining: number;
}) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [error, setError] = useState<string | null>(null);
  const run = (task: () => Promise<ActionResult<unknown>>) =>
    start(async () => {
      const result = await task();
      setError(
        result.ok
          ? null
          : result.fieldErrors
            ? Object.values(result.fieldErrors).flat().join(" ")
            : result.error,
      );
      if (result.ok) router.refresh();
    });
  return (
    <Card>
      <CardHeader>
        <CardTitle>Snapshots</CardTitle>
        <CardDescription>
          Save the disk as it is now and go back to it later. You can take {remaining} more.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        {snapshots === null ? (
          <p className="text-sm text-muted-foreground">
            The cluster is not answering; snapshots cannot be listed right now.
          </p>
        ) : snapshots.length === 0 ? (
          <p className="text-sm text-muted-foreground">No snapshots yet.</p>
        ) : (
          <ul className="divide-y rounded-md border" aria-label="Snapshots">
            {snapshots.map((snapshot) => (
              <li key={snapshot.name} className="flex flex-wrap items-center gap-3 p-3">
                <div className="min-w-0 flex-1">
                  <div className="font-medium">{snapshot.name}</div>
                  <div className="text-xs text-muted-foreground">
                    {snapshot.takenAt ?? ""} {snapshot.description}
                  </div>
                </div>
                <Button
                  size="sm"
                  variant="outline"
                  disabled={pending}
                  onClick={() => run(() => rollbackSnapshotAction({ vmId, name: snapshot.name }))}
                >
                  Roll back
                </Button>
                <Button
                  size="sm"
                  variant="ghost"
                  disabled={pending}
                  onClick={() => run(() => deleteSnapshotAction({ vmId, name: snapshot.name }))}
                >
                  Delete
                </Button>
              </li>
            ))}
          </ul>
        )}
        <form
          className="flex flex-wrap items-end gap-3"
          onSubmit={(event) => {
            event.preventDefault();
            run(async () => {
              const result = await createSnapshotAction({ vmId, name, description });
              if (result.ok) {
                setName("");
                setDescription("");
              }
              return result;
            });
          }}
        >
          <div className="grid gap-1.5">
            <Label htmlFor="snapshot-name">Snapshot name</Label>
            <Input
              id="snapshot-name"
              value={name}
              onChange={(event) => setName(event.target.value)}
              placeholder="before-upgrade"
            />
          </div>
          <div className="grid flex-1 gap-1.5">
            <Label htmlFor="snapshot-description">Description</Label>
            <Input
              id="snapshot-description"
              value={description}
              onChange={(event) => setDescription(event.target.value)}
            />
          </div>
          <Button type="submit" disabled={pending || !name || remaining <= 0}>
            Take snapshot
          </Button>
        </form>
        {error && (
          <p role="alert" className="text-sm text-destructive">
            {error}
          </p>
        )}
      </CardContent>
    </Card>
  );
}
