"use client";

import { Check, Copy } from "lucide-react";
import Link from "next/link";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { cn } from "@/lib/utils";
import { createVmAction } from "../actions";

export interface TemplateChoice {
  id: string;
  label: string;
  os: string;
  defaultUser: string;
  minDiskGb: number;
}

export interface SizeRange {
  minCores: number;
  maxCores: number;
  minMemoryMb: number;
  maxMemoryMb: number;
  minDiskGb: number;
  maxDiskGb: number;
}

export function CreateVmForm({
  templates,
  limits,
  keyCount,
  networks,
}: {
  templates: TemplateChoice[];
  limits: SizeRange;
  keyCount: number;
  networks: { id: string; label: string }[];
}) {
  const [networkId, setNetworkId] = useState(networks[0]?.id ?? "");
  const [templateId, setTemplateId] = useState(templates[0]?.id ?? "");
  const [name, setName] = useState("");
  const [cores, setCores] = useState(Math.min(2, limits.maxCores));
  const [memoryGb, setMemoryGb] = useState(Math.min(2, limits.maxMemoryMb / 1024));
  const [diskGb, setDiskGb] = useState(Math.max(limits.minDiskGb, templates[0]?.minDiskGb ?? 0, 20));
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<{ vmId: string; password: string; user: string } | null>(null);
  const [copied, setCopied] = useState(false);

  if (created) {
    return (
      <Card>
        <CardHeader>
          <CardTitle>Your VM is on its way</CardTitle>
          <CardDescription>
            Save this password now: it is shown only once and Roost keeps no copy.
          </CardDescription>
        </CardHeader>
        <CardContent className="grid gap-4">
          <div className="flex items-center gap-2">
            <code className="rounded-md border bg-muted px-3 py-2 font-mono" data-testid="vm-password">
              {created.password}
            </code>
            <Button
              variant="outline"
              size="sm"
              onClick={async () => {
                await navigator.clipboard.writeText(created.password);
                setCopied(true);
              }}
            >
              {copied ? <Check /> : <Copy />}
              {copied ? "Copied" : "Copy"}
            </Button>
          </div>
          <p className="text-sm">
            Sign in as <code>{created.user}</code> with this password{keyCount > 0 ? " or your SSH keys" : ""}
            .
          </p>
          <div>
            <Button asChild>
              <Link href={`/vms/${created.vmId}`}>Follow its progress</Link>
            </Button>
          </div>
        </CardContent>
      </Card>
    );
  }

  return (
    <form
      className="grid gap-6"
      onSubmit={(event) => {
        event.preventDefault();
        start(async () => {
          const result = await createVmAction({
            networkId: networkId || undefined,
            templateId,
            name,
            cores,
            memoryMb: Math.round(memoryGb * 1024),
            diskGb,
          });
          if (result.ok) setCreated(result.data);
          else
            setError(result.fieldErrors ? Object.values(result.fieldErrors).flat().join(" ") : result.error);
        });
      }}
    >
      <fieldset className="grid gap-3">
        <legend className="mb-2 font-medium">Template</legend>
        <div className="grid gap-3 sm:grid-cols-2">
          {templates.map((template) => (
            <label
              key={template.id}
              className={cn(
                "cursor-pointer rounded-lg border p-4",
                template.id === templateId && "border-primary ring-2 ring-primary/30",
              )}
            >
              <input
                type="radio"
                name="template"
                value={template.id}
                className="sr-only"
                checked={template.id === templateId}
                onChange={() => setTemplateId(template.id)}
              />
              <div className="font-medium">{template.label}</div>
              <div className="text-xs text-muted-foreground">
                {template.os} · user <code>{template.defaultUser}</code> · at least {template.minDiskGb} GiB
              </div>
            </label>
          ))}
        </div>
      </fieldset>
      <div className="grid gap-1.5 sm:max-w-sm">
        <Label htmlFor="vm-name">Name</Label>
        <Input
          id="vm-name"
          value={name}
          onChange={(event) => setName(event.target.value)}
          placeholder="web-1"
          required
        />
        <p className="text-xs text-muted-foreground">Letters, digits and hyphens; it becomes the hostname.</p>
      </div>
      <div className="grid gap-4 sm:grid-cols-3">
        <div className="grid gap-1.5">
          <Label htmlFor="vm-cores">
            Cores ({limits.minCores}–{limits.maxCores})
          </Label>
          <Input
            id="vm-cores"
            type="number"
            min={limits.minCores}
            max={limits.maxCores}
            value={cores}
            onChange={(e) => setCores(e.target.valueAsNumber)}
          />
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor="vm-memory">
            Memory, GiB ({limits.minMemoryMb / 1024}–{limits.maxMemoryMb / 1024})
          </Label>
          <Input
            id="vm-memory"
            type="number"
            step={0.5}
            min={limits.minMemoryMb / 1024}
            max={limits.maxMemoryMb / 1024}
            value={memoryGb}
            onChange={(e) => setMemoryGb(e.target.valueAsNumber)}
          />
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor="vm-disk">
            Disk, GiB ({limits.minDiskGb}–{limits.maxDiskGb})
          </Label>
          <Input
            id="vm-disk"
            type="number"
            min={limits.minDiskGb}
            max={limits.maxDiskGb}
            value={diskGb}
            onChange={(e) => setDiskGb(e.target.valueAsNumber)}
          />
        </div>
      </div>
      <NetworkSelect networks={networks} value={networkId} onChange={setNetworkId} />
      <p className="text-sm text-muted-foreground">
        {keyCount > 0
          ? `Your ${keyCount} SSH key${keyCount === 1 ? "" : "s"} will be installed.`
          : "You have no SSH keys; add some on your profile to sign in without a password."}
      </p>
      {error && (
        <p role="alert" className="text-sm text-destructive">
          {error}
        </p>
      )}
      <div>
        <Button type="submit" disabled={pending || !templateId}>
          {pending ? "Creating…" : "Create VM"}
        </Button>
      </div>
    </form>
  );
}

export function NetworkSelect({
  networks,
  value,
  onChange,
}: {
  networks: { id: string; label: string }[];
  value: string;
  onChange: (id: string) => void;
}) {
  if (networks.length === 0) return null;
  return (
    <div className="grid gap-1.5 sm:max-w-sm">
      <Label htmlFor="vm-network">Network</Label>
      <select
        id="vm-network"
        className="h-9 rounded-md border bg-transparent px-2 text-sm"
        value={value}
        onChange={(event) => onChange(event.target.value)}
      >
        {networks.map((network) => (
          <option key={network.id} value={network.id}>
            {network.label}
          </option>
        ))}
      </select>
    </div>
  );
}
