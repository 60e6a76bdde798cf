"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { createIsoVmAction } from "../actions";
import { NetworkSelect, type SizeRange } from "./create-vm-form";

type Bus = "scsi" | "virtio" | "sata";
type Nic = "virtio" | "e1000" | "rtl8139";

export function IsoVmForm({
  isos,
  limits,
  hardware,
  networks,
}: {
  networks: { id: string; label: string }[];
  isos: { id: string; label: string }[];
  limits: SizeRange;
  hardware: { diskBuses: Bus[]; nicModels: Nic[]; allowUefi: boolean };
}) {
  const router = useRouter();
  const [isoId, setIsoId] = useState(isos[0]?.id ?? "");
  const [name, setName] = useState("");
  const [cores, setCores] = useState(Math.min(2, limits.maxCores));
  const [memoryGb, setMemoryGb] = useState(Math.min(2, limits.maxMemoryMb / 1024));
  const [diskGb, setDiskGb] = useState(Math.max(limits.minDiskGb, 20));
  const [diskBus, setDiskBus] = useState<Bus>(hardware.diskBuses[0]!);
  const [nicModel, setNicModel] = useState<Nic>(hardware.nicModels[0]!);
  const [uefi, setUefi] = useState(false);
  const [networkId, setNetworkId] = useState(networks[0]?.id ?? "");
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const select = "h-9 rounded-md border bg-transparent px-2 text-sm";
  return (
    <form
      className="grid gap-5"
      onSubmit={(event) => {
        event.preventDefault();
        start(async () => {
          const result = await createIsoVmAction({
            networkId: networkId || undefined,
            isoId,
            name,
            cores,
            memoryMb: Math.round(memoryGb * 1024),
            diskGb,
            diskBus,
            nicModel,
            uefi,
          });
          if (result.ok) router.push(`/vms/${result.data.vmId}`);
          else
            setError(result.fieldErrors ? Object.values(result.fieldErrors).flat().join(" ") : result.error);
        });
      }}
    >
      <div className="grid gap-1.5 sm:max-w-md">
        <Label htmlFor="iso">Installer ISO</Label>
        <select id="iso" className={select} value={isoId} onChange={(event) => setIsoId(event.target.value)}>
          {isos.map((iso) => (
            <option key={iso.id} value={iso.id}>
              {iso.label}
            </option>
          ))}
        </select>
      </div>
      <div className="grid gap-1.5 sm:max-w-sm">
        <Label htmlFor="iso-vm-name">Name</Label>
        <Input
          id="iso-vm-name"
          value={name}
          onChange={(event) => setName(event.target.value)}
          placeholder="lab-1"
          required
        />
      </div>
      <div className="grid gap-4 sm:grid-cols-3">
        <div className="grid gap-1.5">
          <Label htmlFor="iso-cores">Cores</Label>
          <Input
            id="iso-cores"
            type="number"
            value={cores}
            onChange={(e) => setCores(e.target.valueAsNumber)}
          />
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor="iso-memory">Memory, GiB</Label>
          <Input
            id="iso-memory"
            type="number"
            step={0.5}
            value={memoryGb}
            onChange={(e) => setMemoryGb(e.target.valueAsNumber)}
          />
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor="iso-disk">Disk, GiB</Label>
          <Input
            id="iso-disk"
            type="number"
            value={diskGb}
            onChange={(e) => setDiskGb(e.target.valueAsNumber)}
          />
        </div>
      </div>
      <NetworkSelect networks={networks} value={networkId} onChange={setNetworkId} />
      <div className="flex flex-wrap items-end gap-4">
        <div className="grid gap-1.5">
          <Label htmlFor="disk-bus">Disk bus</Label>
          <select
            id="disk-bus"
            className={select}
            value={diskBus}
            onChange={(event) => setDiskBus(event.target.value as Bus)}
          >
            {hardware.diskBuses.map((bus) => (
              <option key={bus}>{bus}</option>
            ))}
          </select>
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor="nic-model">Network card</Label>
          <select
            id="nic-model"
            className={select}
            value={nicModel}
            onChange={(event) => setNicModel(event.target.value as Nic)}
          >
            {hardware.nicModels.map((model) => (
              <option key={model}>{model}</option>
            ))}
          </select>
        </div>
        {hardware.allowUefi && (
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" checked={uefi} onChange={(event) => setUefi(event.target.checked)} />
            UEFI with TPM (Windows 11 needs it)
          </label>
        )}
      </div>
      {error && (
        <p role="alert" className="text-sm text-destructive">
          {error}
        </p>
      )}
      <div>
        <Button type="submit" disabled={pending || !isoId}>
          {pending ? "Creating…" : "Create and boot the installer"}
        </Button>
      </div>
    </form>
  );
}
