"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { actionErrorText } from "@/lib/actions/action-result";
import { deletePoolAction, savePoolAction } from "./actions";

export interface PoolFields {
  networkId: string;
  cidr: string;
  gateway: string;
  rangeStart: string;
  rangeEnd: string;
  dnsServers: string;
  domain: string;
}

const emptyPool: PoolFields = {
  networkId: "",
  cidr: "",
  gateway: "",
  rangeStart: "",
  rangeEnd: "",
  dnsServers: "",
  domain: "",
};

const textFields: { key: Exclude<keyof PoolFields, "networkId">; label: string; placeholder: string }[] = [
  { key: "cidr", label: "Subnet", placeholder: "10.20.0.0/24" },
  { key: "gateway", label: "Gateway", placeholder: "10.20.0.1" },
  { key: "rangeStart", label: "First address to hand out", placeholder: "10.20.0.10" },
  { key: "rangeEnd", label: "Last address to hand out", placeholder: "10.20.0.250" },
  { key: "dnsServers", label: "DNS servers", placeholder: "10.20.0.2, 10.20.0.3" },
  { key: "domain", label: "Domain (DNS zone and search domain)", placeholder: "lab.example.org" },
];

export function PoolForm({
  id,
  initial,
  networks,
  canChange,
}: {
  id?: string;
  initial?: PoolFields;
  networks: { id: string; label: string }[];
  canChange: boolean;
}) {
  const router = useRouter();
  const [fields, setFields] = useState<PoolFields>(
    initial ?? { ...emptyPool, networkId: networks[0]?.id ?? "" },
  );
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const prefix = id ? `pool-${id}` : "new-pool";
  const set = (key: keyof PoolFields, value: string) =>
    setFields((current) => ({ ...current, [key]: value }));
  return (
    <form
      className="grid gap-3"
      aria-label={id ? "Pool settings" : "New pool"}
      onSubmit={(event) => {
        event.preventDefault();
        start(async () => {
          const pool = {
            ...fields,
            dnsServers: fields.dnsServers.split(/[\s,]+/).filter(Boolean),
          };
          const result = await savePoolAction({ id, pool });
          setError(actionErrorText(result));
          setSaved(result.ok);
          if (result.ok && !id) router.push(`/admin/ip-pools/${result.data.id}`);
        });
      }}
    >
      <div className="grid gap-3 sm:grid-cols-2">
        <div className="grid gap-1.5">
          <Label htmlFor={`${prefix}-network`}>Network</Label>
          <select
            id={`${prefix}-network`}
            className="h-9 rounded-md border bg-transparent px-2 text-sm"
            value={fields.networkId}
            disabled={Boolean(id)}
            onChange={(event) => set("networkId", event.target.value)}
          >
            {networks.map((network) => (
              <option key={network.id} value={network.id}>
                {network.label}
              </option>
            ))}
          </select>
        </div>
        {textFields.map((field) => (
          <div key={field.key} className="grid gap-1.5">
            <Label htmlFor={`${prefix}-${field.key}`}>{field.label}</Label>
            <Input
              id={`${prefix}-${field.key}`}
              value={fields[field.key]}
              placeholder={field.placeholder}
              onChange={(event) => set(field.key, event.target.value)}
            />
          </div>
        ))}
      </div>
      {error ? (
        <p role="alert" className="text-sm text-destructive">
          {error}
        </p>
      ) : (
        saved && <p className="text-sm text-muted-foreground">Saved.</p>
      )}
      <div className="flex gap-2">
        <Button type="submit" disabled={!canChange || pending || networks.length === 0}>
          {id ? "Save pool" : "Add pool"}
        </Button>
        {id && (
          <Button
            type="button"
            variant="outline"
            disabled={!canChange || pending}
            onClick={() =>
              start(async () => {
                const result = await deletePoolAction({ id });
                setError(actionErrorText(result));
                if (result.ok) router.push("/admin/ip-pools");
              })
            }
          >
            Remove pool
          </Button>
        )}
      </div>
    </form>
  );
}
