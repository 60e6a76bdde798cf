"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { Controller, useForm } from "react-hook-form";
import { CopyableSecret } from "@/components/copyable-secret";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import {
  Field,
  FieldContent,
  FieldDescription,
  FieldError,
  FieldGroup,
  FieldLabel,
  FieldLegend,
  FieldSet,
} from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { useActionRunner } from "@/hooks/use-action-runner";
import { zodParseOptions } from "@/lib/i18n/zod-errors";
import {
  type WebhookEndpointFormValues,
  type WebhookEndpointInput,
  webhookEndpointInput,
} from "@/lib/webhooks/endpoint-input";
import { type WebhookEventType, webhookEventTypes } from "@/lib/webhooks/event-types";
import { createWebhookEndpointAction } from "./actions";

const eventKeys = {
  "vm.created": "vmCreated",
  "vm.state_changed": "vmStateChanged",
  "vm.lease_reminded": "vmLeaseReminded",
  "vm.stopped_at_expiry": "vmStoppedAtExpiry",
  "vm.deleted": "vmDeleted",
  "vm.backed_up": "vmBackedUp",
  "vm.restored": "vmRestored",
  "request.approved": "requestApproved",
} as const satisfies Record<WebhookEventType, string>;

const empty: WebhookEndpointFormValues = { url: "", description: "", eventTypes: [], allowPrivate: false };

/** The new endpoint's signing secret, shown once in place of the form. */
function SecretOnce({ secret, onDone }: { secret: string; onDone: () => void }) {
  const t = useTranslations("adminWebhooks.secret");
  return (
    <div className="grid gap-3">
      <p className="text-sm">{t.rich("intro", { code: (chunks) => <code>{chunks}</code> })}</p>
      <div className="flex flex-wrap items-center gap-2">
        <CopyableSecret value={secret} testId="webhook-secret" className="text-sm" />
      </div>
      <div>
        <Button size="sm" onClick={onDone}>
          {t("done")}
        </Button>
      </div>
    </div>
  );
}

export function EndpointForm({ canChange }: { canChange: boolean }) {
  const t = useTranslations("adminWebhooks.form");
  const locale = useLocale();
  const form = useForm<WebhookEndpointFormValues, unknown, WebhookEndpointInput>({
    resolver: zodResolver(webhookEndpointInput, zodParseOptions(locale)),
    defaultValues: empty,
  });
  const { run, pending, error } = useActionRunner({ form });
  const [secret, setSecret] = useState<string | null>(null);
  const allowPrivate = form.watch("allowPrivate");

  if (secret) return <SecretOnce secret={secret} onDone={() => setSecret(null)} />;

  return (
    <form
      noValidate
      className="grid max-w-2xl gap-4"
      aria-label={t("label")}
      onSubmit={form.handleSubmit((values) =>
        run(() => createWebhookEndpointAction(values), {
          success: t("registered"),
          refresh: true,
          onSuccess: (created) => {
            form.reset(empty);
            setSecret(created.secret);
          },
        }),
      )}
    >
      <FieldGroup className="gap-4">
        <Controller
          control={form.control}
          name="url"
          render={({ field, fieldState }) => (
            <Field data-invalid={fieldState.invalid}>
              <FieldLabel htmlFor="webhook-url">{t("url")}</FieldLabel>
              <Input
                {...field}
                id="webhook-url"
                type="url"
                placeholder={t("urlPlaceholder")}
                aria-invalid={fieldState.invalid}
              />
              <FieldError errors={[fieldState.error]} />
            </Field>
          )}
        />
        <Controller
          control={form.control}
          name="description"
          render={({ field, fieldState }) => (
            <Field data-invalid={fieldState.invalid}>
              <FieldLabel htmlFor="webhook-description">{t("description")}</FieldLabel>
              <Input
                {...field}
                id="webhook-description"
                placeholder={t("descriptionPlaceholder")}
                aria-invalid={fieldState.invalid}
              />
              <FieldError errors={[fieldState.error]} />
            </Field>
          )}
        />
        <Controller
          control={form.control}
          name="eventTypes"
          render={({ field, fieldState }) => (
            <FieldSet data-invalid={fieldState.invalid}>
              <FieldLegend variant="label">{t("events")}</FieldLegend>
              <div className="grid gap-2 sm:grid-cols-2">
                {webhookEventTypes.map((type) => (
                  <Field key={type} orientation="horizontal">
                    <Checkbox
                      id={`webhook-event-${type}`}
                      checked={field.value.includes(type)}
                      onCheckedChange={(checked) =>
                        field.onChange(
                          checked ? [...field.value, type] : field.value.filter((chosen) => chosen !== type),
                        )
                      }
                    />
                    <FieldLabel htmlFor={`webhook-event-${type}`} className="font-normal">
                      {t(`eventTypes.${eventKeys[type]}`)}{" "}
                      <code className="text-xs text-muted-foreground">{type}</code>
                    </FieldLabel>
                  </Field>
                ))}
              </div>
              <FieldError errors={[fieldState.error]} />
            </FieldSet>
          )}
        />
        <Controller
          control={form.control}
          name="allowPrivate"
          render={({ field }) => (
            <Field orientation="horizontal">
              <Checkbox id="webhook-allow-private" checked={field.value} onCheckedChange={field.onChange} />
              <FieldContent>
                <FieldLabel htmlFor="webhook-allow-private" className="font-normal">
                  {t("allowPrivate")}
                </FieldLabel>
                <FieldDescription>{t("allowPrivateHint")}</FieldDescription>
              </FieldContent>
            </Field>
          )}
        />
        {allowPrivate && (
          <Alert variant="destructive">
            <AlertTitle>{t("privateWarning.title")}</AlertTitle>
            <AlertDescription>{t("privateWarning.body")}</AlertDescription>
          </Alert>
        )}
      </FieldGroup>
      <FieldError>{error}</FieldError>
      <div>
        <Button type="submit" disabled={!canChange || pending}>
          {t("submit")}
        </Button>
      </div>
    </form>
  );
}
