"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { KeyRound, Trash2 } from "lucide-react";
import { Controller, useForm } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Field, FieldError, FieldGroup, FieldLabel } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { useActionRunner } from "@/hooks/use-action-runner";
import { sshKeyInputSchema } from "@/lib/ssh-keys/ssh-key-input";
import { addSshKeyAction, removeSshKeyAction } from "./actions";

export interface SshKeyView {
  id: string;
  label: string;
  fingerprint: string;
  type: string;
  addedOn: string;
}

export function SshKeysCard({ keys }: { keys: SshKeyView[] }) {
  const form = useForm({
    resolver: zodResolver(sshKeyInputSchema),
    defaultValues: { publicKey: "", label: "" },
  });
  const { run, pending, error } = useActionRunner({ form });
  const remove = (key: SshKeyView) =>
    run(() => removeSshKeyAction({ id: key.id }), { success: `Removed ${key.label}.` });

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
                  onClick={() => remove(key)}
                >
                  <Trash2 />
                </Button>
              </li>
            ))}
          </ul>
        )}
        <form
          noValidate
          onSubmit={form.handleSubmit((values) =>
            run(() => addSshKeyAction(values), { onSuccess: () => form.reset() }),
          )}
        >
          <FieldGroup className="gap-3">
            <Controller
              control={form.control}
              name="publicKey"
              render={({ field, fieldState }) => (
                <Field data-invalid={fieldState.invalid} className="gap-1.5">
                  <FieldLabel htmlFor="ssh-key">Public key</FieldLabel>
                  <Textarea
                    {...field}
                    id="ssh-key"
                    rows={3}
                    placeholder="ssh-ed25519 AAAAC3Nza… you@laptop"
                    className="font-mono text-xs md:text-xs"
                    aria-invalid={fieldState.invalid}
                  />
                  <FieldError errors={[fieldState.error]} />
                </Field>
              )}
            />
            <Controller
              control={form.control}
              name="label"
              render={({ field, fieldState }) => (
                <Field data-invalid={fieldState.invalid} className="gap-1.5 sm:max-w-xs">
                  <FieldLabel htmlFor="ssh-key-label">Name (optional)</FieldLabel>
                  <Input
                    {...field}
                    id="ssh-key-label"
                    placeholder="laptop"
                    aria-invalid={fieldState.invalid}
                  />
                  <FieldError errors={[fieldState.error]} />
                </Field>
              )}
            />
            <FieldError>{error}</FieldError>
            <div>
              <Button type="submit" disabled={pending}>
                Add key
              </Button>
            </div>
          </FieldGroup>
        </form>
      </CardContent>
    </Card>
  );
}
