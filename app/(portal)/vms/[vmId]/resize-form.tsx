"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { resizeVmAction } from "../actions";

export function ResizeForm({
  vmId,
  cores,
  memoryMb,
  diskGb,
}: {
  vmId: string;
  cores: number;
  memoryMb: number;
  diskGb: number;
}) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [size, setSize] = useState({ cores, memoryGb: memoryMb / 1024, diskGb });
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  return (
    <Card>
      <CardHeader>
        <CardTitle>Size</CardTitle>
        <CardDescription>Change cores and memory, or grow the disk. Disks never shrink.</CardDescription>
      </CardHeader>
      <CardContent>
        <form
          className="flex flex-wrap items-end gap-3"
          onSubmit={(event) => {
            event.preventDefault();
            start(async () => {
              const result = await resizeVmAction({
                vmId,
                cores: size.cores,
                memoryMb: Math.round(size.memoryGb * 1024),
                diskGb: size.diskGb,
              });
              if (!result.ok) setMessage({ error: true, text: result.error });
              else {
                setMessage({
                  error: false,
                  text: result.data.pendingUntilReboot.length
                    ? "Saved. CPU and memory change at the next reboot."
                    : "Saved.",
                });
                router.refresh();
              }
            });
          }}
        >
          <div className="grid gap-1.5">
            <Label htmlFor="resize-cores">Cores</Label>
            <Input
              id="resize-cores"
              type="number"
              className="w-24"
              value={size.cores}
              onChange={(e) => setSize({ ...size, cores: e.target.valueAsNumber })}
            />
          </div>
          <div className="grid gap-1.5">
            <Label htmlFor="resize-memory">Memory, GiB</Label>
            <Input
              id="resize-memory"
              type="number"
              step={0.5}
              className="w-28"
              value={size.memoryGb}
              onChange={(e) => setSize({ ...size, memoryGb: e.target.valueAsNumber })}
            />
          </div>
          <div className="grid gap-1.5">
            <Label htmlFor="resize-disk">Disk, GiB</Label>
            <Input
              id="resize-disk"
              type="number"
              min={diskGb}
              className="w-28"
              value={size.diskGb}
              onChange={(e) => setSize({ ...size, diskGb: e.target.valueAsNumber })}
            />
          </div>
          <Button type="submit" variant="outline" disabled={pending}>
            Apply
          </Button>
        </form>
        {message && (
          <p
            role={message.error ? "alert" : "status"}
            className={message.error ? "mt-3 text-sm text-destructive" : "mt-3 text-sm"}
          >
            {message.text}
          </p>
        )}
      </CardContent>
    </Card>
  );
}
