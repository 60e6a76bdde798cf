"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { KeyRound, Trash2 } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { Controller, useForm } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Field, FieldError, FieldGroup, FieldLabel } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { useActionRunner } from "@/hooks/use-action-runner";
import { zodParseOptions } from "@/lib/i18n/zod-errors";
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
  const t = useTranslations("profile.sshKeys");
  const locale = useLocale();
  const form = useForm({
    resolver: zodResolver(sshKeyInputSchema, zodParseOptions(locale)),
    defaultValues: { publicKey: "", label: "" },
  });
  const { run, pending, error } = useActionRunner({ form });
  const remove = (key: SshKeyView) =>
    run(() => removeSshKeyAction({ id: key.id }), { success: t("removed", { label: key.label }) });

  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("title")}</CardTitle>
        <CardDescription>
          {t.rich("description", { code: (chunks) => <code>{chunks}</code> })}
        </CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-6">
        {keys.length === 0 ? (
          <p className="text-sm text-muted-foreground">
            {t.rich("none", { code: (chunks) => <code>{chunks}</code> })}
          </p>
        ) : (
          <ul className="divide-y rounded-md border" aria-label={t("listLabel")}>
            {keys.map((key) => (
              <li key={key.id} className="flex items-center gap-3 p-3">
                <KeyRound className="size-4 shrink-0 text-muted-foreground" aria-hidden />
                <div className="min-w-0 flex-1">
                  <div className="truncate font-medium">{key.label}</div>
                  <div className="truncate font-mono text-xs text-muted-foreground">
                    {t("meta", { type: key.type, fingerprint: key.fingerprint, added: key.addedOn })}
                  </div>
                </div>
                <Button
                  variant="ghost"
                  size="icon"
                  aria-label={t("remove", { label: key.label })}
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
                  <FieldLabel htmlFor="ssh-key">{t("publicKey")}</FieldLabel>
                  <Textarea
                    {...field}
                    id="ssh-key"
                    rows={3}
                    // i18n-ignore: the shape of a key, not words
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
                  <FieldLabel htmlFor="ssh-key-label">{t("name")}</FieldLabel>
                  <Input
                    {...field}
                    id="ssh-key-label"
                    placeholder={t("namePlaceholder")}
                    aria-invalid={fieldState.invalid}
                  />
                  <FieldError errors={[fieldState.error]} />
                </Field>
              )}
            />
            <FieldError>{error}</FieldError>
            <div>
              <Button type="submit" disabled={pending}>
                {t("add")}
              </Button>
            </div>
          </FieldGroup>
        </form>
      </CardContent>
    </Card>
  );
}
