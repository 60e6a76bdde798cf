"use client";

import { Check, Copy } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

export interface CreatedVm {
  vmId: string;
  password: string;
  user: string;
}

/** The new VM's one-time password, shown once in place of the form. */
export function CreatedVmCard({ created, keyCount }: { created: CreatedVm; keyCount: number }) {
  const [copied, setCopied] = useState(false);
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
          Sign in as <code>{created.user}</code> with this password{keyCount > 0 ? " or your SSH keys" : ""}.
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
