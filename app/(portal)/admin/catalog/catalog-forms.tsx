"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { type ActionResult, actionErrorText } from "@/lib/actions/action-result";
import type { IsoCandidate, NodeAndStorages, TemplateCandidate } from "@/lib/catalog/catalog-candidates";
import {
  addNetworkAction,
  approveIsoAction,
  approveTemplateAction,
  savePlacementAction,
  saveVmLimitsAction,
  setCatalogItemEnabledAction,
} from "./actions";

/** Runs an action, shows its error or `done`, and refreshes the page on success. */
function useAction() {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const run = (action: () => Promise<ActionResult<unknown>>, done: string) =>
    start(async () => {
      const result = await action();
      setMessage(result.ok ? { ok: true, text: done } : { ok: false, text: actionErrorText(result) ?? "" });
      if (result.ok) router.refresh();
    });
  const feedback = message && (
    <p role={message.ok ? "status" : "alert"} className={message.ok ? "text-sm" : "text-sm text-destructive"}>
      {message.text}
    </p>
  );
  return { pending, run, feedback };
}

export function ApprovedList({
  kind,
  items,
  canChange,
}: {
  kind: "template" | "iso" | "network";
  items: { id: string; label: string; detail: string; enabled: boolean }[];
  canChange: boolean;
}) {
  const { pending, run, feedback } = useAction();
  if (items.length === 0) return <p className="text-sm text-muted-foreground">Nothing approved yet.</p>;
  return (
    <div className="grid gap-2">
      {feedback}
      <ul className="grid gap-2" aria-label={`Approved ${kind}s`}>
        {items.map((item) => (
          <li key={item.id} className="flex flex-wrap items-center gap-3 rounded-md border px-3 py-2">
            <div className="mr-auto">
              <div className="font-medium">{item.label}</div>
              <div className="text-xs text-muted-foreground">{item.detail}</div>
            </div>
            <span className="text-xs">{item.enabled ? "offered" : "withdrawn"}</span>
            <Button
              size="sm"
              variant="outline"
              disabled={!canChange || pending}
              onClick={() =>
                run(
                  () => setCatalogItemEnabledAction({ kind, id: item.id, enabled: !item.enabled }),
                  item.enabled ? `${item.label} withdrawn.` : `${item.label} offered.`,
                )
              }
            >
              {item.enabled ? "Withdraw" : "Offer"}
            </Button>
          </li>
        ))}
      </ul>
    </div>
  );
}

function TemplateRow({ candidate, canChange }: { candidate: TemplateCandidate; canChange: boolean }) {
  const [form, setForm] = useState({
    label: candidate.label,
    os: candidate.os,
    defaultUser: candidate.defaultUser,
    minDiskGb: String(candidate.minDiskGb),
    cloneMode: "full" as "full" | "linked",
  });
  const { pending, run, feedback } = useAction();
  const id = `template-${candidate.vmid}`;
  return (
    <form
      aria-label={`Approve template ${candidate.name}`}
      className="grid gap-2 rounded-md border border-dashed p-3"
      onSubmit={(event) => {
        event.preventDefault();
        run(
          () =>
            approveTemplateAction({
              clusterId: candidate.clusterId,
              node: candidate.node,
              vmid: candidate.vmid,
              label: form.label,
              os: form.os,
              defaultUser: form.defaultUser,
              minDiskGb: Number(form.minDiskGb),
              cloneMode: form.cloneMode,
            }),
          `${form.label} is now offered to members.`,
        );
      }}
    >
      <div className="text-sm font-medium">
        {candidate.name}{" "}
        <span className="text-muted-foreground">
          (VM {candidate.vmid} on {candidate.node})
        </span>
      </div>
      <div className="grid gap-2 sm:grid-cols-5">
        <div className="grid gap-1">
          <Label htmlFor={`${id}-label`}>Label</Label>
          <Input
            id={`${id}-label`}
            value={form.label}
            onChange={(e) => setForm({ ...form, label: e.target.value })}
          />
        </div>
        <div className="grid gap-1">
          <Label htmlFor={`${id}-os`}>OS</Label>
          <Input id={`${id}-os`} value={form.os} onChange={(e) => setForm({ ...form, os: e.target.value })} />
        </div>
        <div className="grid gap-1">
          <Label htmlFor={`${id}-user`}>Default user</Label>
          <Input
            id={`${id}-user`}
            value={form.defaultUser}
            onChange={(e) => setForm({ ...form, defaultUser: e.target.value })}
          />
        </div>
        <div className="grid gap-1">
          <Label htmlFor={`${id}-disk`}>Minimum disk (GiB)</Label>
          <Input
            id={`${id}-disk`}
            inputMode="numeric"
            value={form.minDiskGb}
            onChange={(e) => setForm({ ...form, minDiskGb: e.target.value })}
          />
        </div>
        <div className="grid gap-1">
          <Label htmlFor={`${id}-clone`}>Clone</Label>
          <select
            id={`${id}-clone`}
            value={form.cloneMode}
            onChange={(e) => setForm({ ...form, cloneMode: e.target.value as "full" | "linked" })}
            className="h-9 rounded-md border bg-background px-2 text-sm"
          >
            <option value="full">Full</option>
            <option value="linked">Linked</option>
          </select>
        </div>
      </div>
      {feedback}
      <div>
        <Button type="submit" size="sm" disabled={!canChange || pending}>
          Approve template
        </Button>
      </div>
    </form>
  );
}

export function TemplateApproval({
  candidates,
  canChange,
}: {
  candidates: TemplateCandidate[];
  canChange: boolean;
}) {
  if (candidates.length === 0)
    return <p className="text-sm text-muted-foreground">Every template VM on this cluster is approved.</p>;
  return (
    <div className="grid gap-3">
      <h3 className="text-sm font-semibold">Template VMs not yet approved</h3>
      {candidates.map((candidate) => (
        <TemplateRow key={candidate.vmid} candidate={candidate} canChange={canChange} />
      ))}
    </div>
  );
}

export function IsoApproval({ candidates, canChange }: { candidates: IsoCandidate[]; canChange: boolean }) {
  const [labels, setLabels] = useState<Record<string, string>>({});
  const { pending, run, feedback } = useAction();
  if (candidates.length === 0)
    return <p className="text-sm text-muted-foreground">Every ISO on this cluster's storages is approved.</p>;
  return (
    <div className="grid gap-2">
      <h3 className="text-sm font-semibold">ISOs on the storages, not yet approved</h3>
      {feedback}
      {candidates.map((candidate) => {
        const label = labels[candidate.volid] ?? candidate.volid.replace(/^.*\//, "").replace(/\.iso$/i, "");
        return (
          <div key={candidate.volid} className="flex flex-wrap items-center gap-2">
            <span className="w-64 truncate font-mono text-xs">{candidate.volid}</span>
            <Input
              aria-label={`Label for ${candidate.volid}`}
              className="w-56"
              value={label}
              onChange={(e) => setLabels({ ...labels, [candidate.volid]: e.target.value })}
            />
            <Button
              size="sm"
              variant="outline"
              disabled={!canChange || pending}
              onClick={() =>
                run(
                  () => approveIsoAction({ clusterId: candidate.clusterId, volid: candidate.volid, label }),
                  `${label} approved.`,
                )
              }
            >
              Approve
            </Button>
          </div>
        );
      })}
    </div>
  );
}

export function NetworkForm({ clusterId, canChange }: { clusterId: string; canChange: boolean }) {
  const [bridge, setBridge] = useState("");
  const [vlan, setVlan] = useState("");
  const [label, setLabel] = useState("");
  const { pending, run, feedback } = useAction();
  return (
    <form
      aria-label="Add a network"
      className="flex flex-wrap items-end gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        run(
          () => addNetworkAction({ clusterId, bridge, vlan: vlan ? Number(vlan) : null, label }),
          `${label} approved.`,
        );
      }}
    >
      <div className="grid gap-1">
        <Label htmlFor="network-bridge">Bridge</Label>
        <Input
          id="network-bridge"
          className="w-28"
          value={bridge}
          onChange={(e) => setBridge(e.target.value)}
        />
      </div>
      <div className="grid gap-1">
        <Label htmlFor="network-vlan">VLAN tag</Label>
        <Input
          id="network-vlan"
          className="w-24"
          inputMode="numeric"
          value={vlan}
          onChange={(e) => setVlan(e.target.value)}
        />
      </div>
      <div className="grid gap-1">
        <Label htmlFor="network-label">Label</Label>
        <Input id="network-label" className="w-56" value={label} onChange={(e) => setLabel(e.target.value)} />
      </div>
      <Button type="submit" size="sm" disabled={!canChange || pending}>
        Add network
      </Button>
      {feedback}
    </form>
  );
}

export function PlacementForm({
  clusterId,
  nodes,
  initialNodes,
  initialStorages,
  canChange,
}: {
  clusterId: string;
  nodes: NodeAndStorages[];
  initialNodes: { node: string; maxVms: number | null }[];
  initialStorages: { storage: string }[];
  canChange: boolean;
}) {
  const [approved, setApproved] = useState<Record<string, string | null>>(
    Object.fromEntries(
      initialNodes.map((entry) => [entry.node, entry.maxVms === null ? "" : String(entry.maxVms)]),
    ),
  );
  const [storages, setStorages] = useState(new Set(initialStorages.map((entry) => entry.storage)));
  const { pending, run, feedback } = useAction();
  const allStorages = [...new Set(nodes.flatMap((node) => node.storages))].sort();
  return (
    <form
      aria-label="Nodes and storages"
      className="grid gap-3"
      onSubmit={(event) => {
        event.preventDefault();
        run(
          () =>
            savePlacementAction({
              clusterId,
              nodes: Object.entries(approved)
                .filter(([, cap]) => cap !== null)
                .map(([node, cap]) => ({ clusterId, node, maxVms: cap ? Number(cap) : null })),
              storages: [...storages].map((storage) => ({ clusterId, storage })),
            }),
          "Saved.",
        );
      }}
    >
      <ul className="grid gap-2">
        {nodes.map((node) => {
          const cap = approved[node.node];
          return (
            <li key={node.node} className="flex flex-wrap items-center gap-3 text-sm">
              <label className="flex w-40 items-center gap-2">
                <input
                  type="checkbox"
                  checked={cap !== undefined && cap !== null}
                  onChange={(e) => setApproved({ ...approved, [node.node]: e.target.checked ? "" : null })}
                />
                {node.node} {node.online ? "" : "(offline)"}
              </label>
              <Input
                aria-label={`Most portal VMs on ${node.node}`}
                placeholder="no cap"
                className="w-28"
                inputMode="numeric"
                disabled={cap === undefined || cap === null}
                value={cap ?? ""}
                onChange={(e) => setApproved({ ...approved, [node.node]: e.target.value })}
              />
            </li>
          );
        })}
      </ul>
      <div className="flex flex-wrap gap-4 text-sm">
        {allStorages.map((storage) => (
          <label key={storage} className="flex items-center gap-2">
            <input
              type="checkbox"
              checked={storages.has(storage)}
              onChange={(e) => {
                const next = new Set(storages);
                if (e.target.checked) next.add(storage);
                else next.delete(storage);
                setStorages(next);
              }}
            />
            {storage}
          </label>
        ))}
      </div>
      {feedback}
      <div>
        <Button type="submit" size="sm" disabled={!canChange || pending}>
          Save nodes and storages
        </Button>
      </div>
    </form>
  );
}

type Limits = {
  minCores: number;
  maxCores: number;
  minMemoryMb: number;
  maxMemoryMb: number;
  minDiskGb: number;
  maxDiskGb: number;
  maxNics: number;
  maxDisks: number;
};

const limitFields: [keyof Limits, string][] = [
  ["minCores", "Cores, at least"],
  ["maxCores", "Cores, at most"],
  ["minMemoryMb", "Memory (MiB), at least"],
  ["maxMemoryMb", "Memory (MiB), at most"],
  ["minDiskGb", "Disk (GiB), at least"],
  ["maxDiskGb", "Disk (GiB), at most"],
  ["maxNics", "Network cards, at most"],
  ["maxDisks", "Disks, at most"],
];

export function VmLimitsForm({ initial, canChange }: { initial: Limits; canChange: boolean }) {
  const [form, setForm] = useState<Record<keyof Limits, string>>(
    Object.fromEntries(Object.entries(initial).map(([key, value]) => [key, String(value)])) as Record<
      keyof Limits,
      string
    >,
  );
  const { pending, run, feedback } = useAction();
  return (
    <form
      aria-label="Limits per VM"
      className="grid gap-3"
      onSubmit={(event) => {
        event.preventDefault();
        run(
          () =>
            saveVmLimitsAction({
              limits: Object.fromEntries(
                Object.entries(form).map(([key, value]) => [key, Number(value)]),
              ) as Limits,
            }),
          "Saved.",
        );
      }}
    >
      <div className="grid gap-3 sm:grid-cols-4">
        {limitFields.map(([key, label]) => (
          <div key={key} className="grid gap-1">
            <Label htmlFor={`limit-${key}`}>{label}</Label>
            <Input
              id={`limit-${key}`}
              inputMode="numeric"
              value={form[key]}
              onChange={(e) => setForm({ ...form, [key]: e.target.value })}
            />
          </div>
        ))}
      </div>
      {feedback}
      <div>
        <Button type="submit" size="sm" disabled={!canChange || pending}>
          Save limits
        </Button>
      </div>
    </form>
  );
}
