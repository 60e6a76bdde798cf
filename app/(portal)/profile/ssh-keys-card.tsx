"use client";

import { KeyRound, Trash2 } from "lucide-react";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { addSshKeyAction, removeSshKeyAction } from "./actions";

export interface SshKeyView {
  id: string;
  label: string;
  fingerprint: string;
  type: string;
  addedOn: string;
}

export function SshKeysCard({ keys }: { keys: SshKeyView[] }) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [publicKey, setPublicKey] = useState("");
  const [label, setLabel] = useState("");

  function add() {
    startTransition(async () => {
      const result = await addSshKeyAction({ label, publicKey });
      if (!result.ok) {
        setError(result.fieldErrors ? Object.values(result.fieldErrors).flat().join(" ") : result.error);
        return;
      }
      setError(null);
      setPublicKey("");
      setLabel("");
    });
  }

  function remove(id: string) {
    startTransition(async () => {
      const result = await removeSshKeyAction({ id });
      setError(result.ok ? null : result.error);
    });
  }

  return (
    <Card>
      <CardHeader>
        <CardTitle>SSH keys</CardTitle>
        <CardDescription>
          New VMs made from templates get these keys, so you can sign in with <code>ssh</code> without a
          password.
        </CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-6">
        {keys.length === 0 ? (
          <p className="text-sm text-muted-foreground">
            No keys yet. Paste the contents of your <code>~/.ssh/id_ed25519.pub</code> below (make one with{" "}
            <code>ssh-keygen -t ed25519</code>).
          </p>
        ) : (
          <ul className="divide-y rounded-md border" aria-label="Your SSH keys">
            {keys.map((key) => (
              <li key={key.id} className="flex items-center gap-3 p-3">
                <KeyRound className="size-4 shrink-0 text-muted-foreground" aria-hidden />
                <div className="min-w-0 flex-1">
                  <div className="truncate font-medium">{key.label}</div>
                  <div className="truncate font-mono text-xs text-muted-foreground">
                    {key.type} · {key.fingerprint} · added {key.addedOn}
                  </div>
                </div>
                <Button
                  variant="ghost"
                  size="icon"
                  aria-label={`Remove ${key.label}`}
                  disabled={pending}
                  onClick={() => remove(key.id)}
                >
                  <Trash2 />
                </Button>
              </li>
            ))}
          </ul>
        )}
        <form
          className="grid gap-3"
          onSubmit={(event) => {
            event.preventDefault();
            add();
          }}
        >
          <div className="grid gap-1.5">
            <Label htmlFor="ssh-key">Public key</Label>
            <textarea
              id="ssh-key"
              required
              rows={3}
              value={publicKey}
              onChange={(event) => setPublicKey(event.target.value)}
              placeholder="ssh-ed25519 AAAAC3Nza… you@laptop"
              className="rounded-md border border-input bg-transparent px-3 py-2 font-mono text-xs shadow-xs outline-none focus-visible:border-ring focus-visible:ring-[3px] focus-visible:ring-ring/50"
            />
          </div>
          <div className="grid gap-1.5 sm:max-w-xs">
            <Label htmlFor="ssh-key-label">Name (optional)</Label>
            <Input
              id="ssh-key-label"
              value={label}
              onChange={(event) => setLabel(event.target.value)}
              placeholder="laptop"
            />
          </div>
          {error && (
            <p role="alert" className="text-sm text-destructive">
              {error}
            </p>
          )}
          <div>
            <Button type="submit" disabled={pending || !publicKey.trim()}>
              Add key
            </Button>
          </div>
        </form>
      </CardContent>
    </Card>
  );
}
