"use client";

import { useState, useTransition } from "react";
import { QuotaFields } from "@/components/quota-fields";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import type { Role } from "@/db/schema";
import { actionErrorText } from "@/lib/actions/action-result";
import type { Quota } from "@/lib/quotas/quota";
import { deleteGroupAction, saveDefaultQuotaAction, saveGroupAction } from "./actions";

function Feedback({ error, saved }: { error: string | null; saved: boolean }) {
  if (error) {
    return (
      <p role="alert" className="text-sm text-destructive">
        {error}
      </p>
    );
  }
  return saved ? <p className="text-sm text-muted-foreground">Saved.</p> : null;
}

export function DefaultQuotaForm({ initial, canChange }: { initial: Quota; canChange: boolean }) {
  const [quota, setQuota] = useState(initial);
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  return (
    <form
      className="grid gap-3"
      onSubmit={(event) => {
        event.preventDefault();
        start(async () => {
          const result = await saveDefaultQuotaAction({ quota });
          setError(actionErrorText(result));
          setSaved(result.ok);
        });
      }}
    >
      <QuotaFields idPrefix="default" value={quota} onChange={setQuota} />
      <Feedback error={error} saved={saved} />
      <div>
        <Button type="submit" disabled={!canChange || pending}>
          Save default quota
        </Button>
      </div>
    </form>
  );
}

export function GroupForm({
  initial,
  canChange,
}: {
  initial?: { id: string; name: string; description: string | null; role: Role | null; quota: Quota };
  canChange: boolean;
}) {
  const [name, setName] = useState(initial?.name ?? "");
  const [role, setRole] = useState<Role | "">(initial?.role ?? "");
  const [description, setDescription] = useState(initial?.description ?? "");
  const [quota, setQuota] = useState<Quota>(
    initial?.quota ?? { vms: 3, cores: 8, memoryMb: 16_384, diskGb: 200, snapshots: 10 },
  );
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const prefix = initial ? `group-${initial.id}` : "new-group";
  return (
    <form
      className="grid gap-3"
      aria-label={initial ? `Group ${initial.name}` : "New group"}
      onSubmit={(event) => {
        event.preventDefault();
        start(async () => {
          const result = await saveGroupAction({ name, description, role: role || null, quota });
          setError(actionErrorText(result));
          setSaved(result.ok);
          if (result.ok && !initial) setName("");
        });
      }}
    >
      <div className="grid gap-3 sm:grid-cols-2">
        <div className="grid gap-1.5">
          <Label htmlFor={`${prefix}-name`}>Group name at the identity provider</Label>
          <Input
            id={`${prefix}-name`}
            value={name}
            readOnly={Boolean(initial)}
            onChange={(event) => setName(event.target.value)}
            placeholder="students"
          />
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor={`${prefix}-description`}>Description</Label>
          <Input
            id={`${prefix}-description`}
            value={description}
            onChange={(event) => setDescription(event.target.value)}
          />
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor={`${prefix}-role`}>Role its members get</Label>
          <select
            id={`${prefix}-role`}
            value={role}
            onChange={(event) => setRole(event.target.value as Role | "")}
            className="h-9 rounded-md border bg-background px-2 text-sm"
          >
            <option value="">None (a quota policy only)</option>
            <option value="member">Member</option>
            <option value="auditor">Auditor</option>
            <option value="admin">Admin</option>
          </select>
        </div>
      </div>
      <QuotaFields idPrefix={prefix} value={quota} onChange={setQuota} />
      <Feedback error={error} saved={saved} />
      <div className="flex gap-2">
        <Button type="submit" disabled={!canChange || pending}>
          {initial ? "Save group" : "Add group"}
        </Button>
        {initial && (
          <Button
            type="button"
            variant="outline"
            disabled={!canChange || pending}
            onClick={() =>
              start(async () => {
                const result = await deleteGroupAction({ id: initial.id });
                setError(actionErrorText(result));
              })
            }
          >
            Remove
          </Button>
        )}
      </div>
    </form>
  );
}
