"use client";

import { type ReactNode, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { actionErrorText } from "@/lib/actions/action-result";
import { runLeaseSweepAction, saveGeneralSettingsAction, saveLeaseSettingsAction } from "./actions";

const list = (text: string) =>
  text
    .split(/[,\s]+/)
    .map((item) => item.trim())
    .filter(Boolean);

function Field({
  id,
  label,
  hint,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  children: ReactNode;
}) {
  return (
    <div className="grid gap-1.5">
      <Label htmlFor={id}>{label}</Label>
      {children}
      {hint && <p className="text-xs text-muted-foreground">{hint}</p>}
    </div>
  );
}

function Feedback({ error, saved }: { error: string | null; saved: boolean }) {
  if (error)
    return (
      <p role="alert" className="text-sm text-destructive">
        {error}
      </p>
    );
  return saved ? (
    <p role="status" className="text-sm text-muted-foreground">
      Saved.
    </p>
  ) : null;
}

interface LeaseSettings {
  policy: {
    lengthDays: number;
    maxDays: number;
    reminderDays: number[];
    graceDays: number;
    paused: boolean;
    dryRun: boolean;
    digestTo: string[];
  };
  idle: { cpuPercent: number; days: number };
}

export function LeaseSettingsForm({ initial, canChange }: { initial: LeaseSettings; canChange: boolean }) {
  const [form, setForm] = useState({
    lengthDays: String(initial.policy.lengthDays),
    maxDays: String(initial.policy.maxDays),
    reminderDays: initial.policy.reminderDays.join(", "),
    graceDays: String(initial.policy.graceDays),
    paused: initial.policy.paused,
    dryRun: initial.policy.dryRun,
    digestTo: initial.policy.digestTo.join(", "),
    cpuPercent: String(initial.idle.cpuPercent),
    idleDays: String(initial.idle.days),
  });
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const set = (key: keyof typeof form) => (event: React.ChangeEvent<HTMLInputElement>) =>
    setForm({ ...form, [key]: event.target.type === "checkbox" ? event.target.checked : event.target.value });
  return (
    <form
      className="grid gap-4"
      aria-label="Lease settings"
      onSubmit={(event) => {
        event.preventDefault();
        start(async () => {
          const result = await saveLeaseSettingsAction({
            policy: {
              lengthDays: Number(form.lengthDays),
              maxDays: Number(form.maxDays),
              reminderDays: list(form.reminderDays).map(Number),
              graceDays: Number(form.graceDays),
              paused: form.paused,
              dryRun: form.dryRun,
              digestTo: list(form.digestTo),
            },
            idle: { cpuPercent: Number(form.cpuPercent), days: Number(form.idleDays) },
          });
          setError(actionErrorText(result));
          setSaved(result.ok);
        });
      }}
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          id="lease-length"
          label="Lease length (days)"
          hint="A new VM's lease, and what a renewal adds."
        >
          <Input id="lease-length" inputMode="numeric" value={form.lengthDays} onChange={set("lengthDays")} />
        </Field>
        <Field id="lease-max" label="Furthest renewal (days from now)">
          <Input id="lease-max" inputMode="numeric" value={form.maxDays} onChange={set("maxDays")} />
        </Field>
        <Field id="lease-reminders" label="Reminders (days before the end)" hint="For example 14, 7, 3, 1">
          <Input id="lease-reminders" value={form.reminderDays} onChange={set("reminderDays")} />
        </Field>
        <Field id="lease-grace" label="Grace period (days)" hint="Between the stop at expiry and deletion.">
          <Input id="lease-grace" inputMode="numeric" value={form.graceDays} onChange={set("graceDays")} />
        </Field>
        <Field id="lease-digest" label="Daily digest to" hint="E-mail addresses, separated by commas.">
          <Input id="lease-digest" value={form.digestTo} onChange={set("digestTo")} />
        </Field>
        <Field
          id="idle-cpu"
          label="Idle below (% CPU)"
          hint="A VM under this for the days below is marked idle."
        >
          <Input id="idle-cpu" inputMode="decimal" value={form.cpuPercent} onChange={set("cpuPercent")} />
        </Field>
        <Field id="idle-days" label="Idle for (days, at most 30)">
          <Input id="idle-days" inputMode="numeric" value={form.idleDays} onChange={set("idleDays")} />
        </Field>
      </div>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" checked={form.paused} onChange={set("paused")} /> Pause the sweep (nothing is
        reminded, stopped or deleted)
      </label>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" checked={form.dryRun} onChange={set("dryRun")} /> Dry run (the sweep only
        reports what it would do, in the digest and the audit log)
      </label>
      <Feedback error={error} saved={saved} />
      <div>
        <Button type="submit" disabled={!canChange || pending}>
          Save lease settings
        </Button>
      </div>
    </form>
  );
}

export function GeneralSettingsForm({
  initial,
  canChange,
}: {
  initial: { portalName: string; ignoredPools: string[]; console: { concurrentPerUser: number } };
  canChange: boolean;
}) {
  const [portalName, setPortalName] = useState(initial.portalName);
  const [ignoredPools, setIgnoredPools] = useState(initial.ignoredPools.join(", "));
  const [consoles, setConsoles] = useState(String(initial.console.concurrentPerUser));
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  return (
    <form
      className="grid gap-4"
      aria-label="General settings"
      onSubmit={(event) => {
        event.preventDefault();
        start(async () => {
          const result = await saveGeneralSettingsAction({
            portalName,
            ignoredPools: list(ignoredPools),
            console: { concurrentPerUser: Number(consoles) },
          });
          setError(actionErrorText(result));
          setSaved(result.ok);
        });
      }}
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="portal-name" label="Portal name" hint="In page titles and e-mail.">
          <Input
            id="portal-name"
            value={portalName}
            onChange={(event) => setPortalName(event.target.value)}
          />
        </Field>
        <Field
          id="ignored-pools"
          label="Ignored pools"
          hint="Proxmox pools the portal never touches (comma-separated)."
        >
          <Input
            id="ignored-pools"
            value={ignoredPools}
            onChange={(event) => setIgnoredPools(event.target.value)}
          />
        </Field>
        <Field id="console-limit" label="Open consoles per person">
          <Input
            id="console-limit"
            inputMode="numeric"
            value={consoles}
            onChange={(event) => setConsoles(event.target.value)}
          />
        </Field>
      </div>
      <Feedback error={error} saved={saved} />
      <div>
        <Button type="submit" disabled={!canChange || pending}>
          Save general settings
        </Button>
      </div>
    </form>
  );
}

export function RunSweepButton({ canChange }: { canChange: boolean }) {
  const [pending, start] = useTransition();
  const [outcome, setOutcome] = useState<string | null>(null);
  return (
    <div className="flex flex-wrap items-center gap-3">
      <Button
        variant="outline"
        disabled={!canChange || pending}
        onClick={() =>
          start(async () => {
            const result = await runLeaseSweepAction({});
            if (!result.ok) return setOutcome(result.error);
            const report = result.data;
            if (report.paused) return setOutcome("The sweep is paused; it did nothing.");
            const done = `${report.reminded} reminded, ${report.stopped} stopped, ${report.deleted} deleted`;
            const errors = report.errors.length > 0 ? `; problems: ${report.errors.join("; ")}` : "";
            setOutcome(
              report.dryRun
                ? `Dry run: would ${report.planned.length > 0 ? report.planned.join("; ") : "do nothing"}.`
                : `Swept ${report.candidates} leases: ${done}${errors}.`,
            );
          })
        }
      >
        Run the lease sweep now
      </Button>
      {outcome && (
        <p role="status" className="text-sm" data-testid="sweep-outcome">
          {outcome}
        </p>
      )}
    </div>
  );
}
