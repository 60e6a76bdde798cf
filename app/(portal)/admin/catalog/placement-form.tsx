"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useLocale, useTranslations } from "next-intl";
import { Controller, useForm } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Field, FieldError, FieldLabel } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { useActionRunner } from "@/hooks/use-action-runner";
import type { NodeAndStorages } from "@/lib/catalog/catalog-candidates";
import { placementForm } from "@/lib/catalog/catalog-inputs";
import { zodParseOptions } from "@/lib/i18n/zod-errors";
import { savePlacementAction } from "./actions";

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
  const caps = new Map(initialNodes.map((entry) => [entry.node, entry.maxVms]));
  const ticked = new Set(initialStorages.map((entry) => entry.storage));
  const t = useTranslations("adminCatalog.placement");
  const locale = useLocale();
  const form = useForm({
    resolver: zodResolver(placementForm, zodParseOptions(locale)),
    defaultValues: {
      nodes: nodes.map(({ node }) => ({ node, approved: caps.has(node), maxVms: caps.get(node) ?? null })),
      storages: [...new Set(nodes.flatMap((node) => node.storages))]
        .sort()
        .map((storage) => ({ storage, approved: ticked.has(storage) })),
    },
  });
  const { run, pending, error } = useActionRunner({ form, success: t("saved"), refresh: true });
  const chosen = form.watch("nodes");
  return (
    <form
      noValidate
      aria-label={t("formLabel")}
      className="grid gap-3"
      onSubmit={form.handleSubmit((values) =>
        run(() =>
          savePlacementAction({
            clusterId,
            nodes: values.nodes
              .filter((entry) => entry.approved)
              .map(({ node, maxVms }) => ({ clusterId, node, maxVms })),
            storages: values.storages
              .filter((entry) => entry.approved)
              .map(({ storage }) => ({ clusterId, storage })),
          }),
        ),
      )}
    >
      <ul className="grid gap-2">
        {nodes.map((node, index) => (
          <li key={node.node} className="flex flex-wrap items-start gap-3 text-sm">
            <Controller
              control={form.control}
              name={`nodes.${index}.approved`}
              render={({ field }) => (
                <Field orientation="horizontal" className="w-40 pt-2">
                  <Checkbox id={`node-${node.node}`} checked={field.value} onCheckedChange={field.onChange} />
                  <FieldLabel htmlFor={`node-${node.node}`} className="font-normal">
                    {node.online ? node.node : t("offlineNode", { node: node.node })}
                  </FieldLabel>
                </Field>
              )}
            />
            <Controller
              control={form.control}
              name={`nodes.${index}.maxVms`}
              render={({ field, fieldState }) => (
                <Field data-invalid={fieldState.invalid} className="w-40 gap-1">
                  <Input
                    name={field.name}
                    ref={field.ref}
                    onBlur={field.onBlur}
                    type="number"
                    aria-label={t("maxVmsLabel", { node: node.node })}
                    placeholder={t("noCap")}
                    aria-invalid={fieldState.invalid}
                    disabled={!chosen[index]?.approved}
                    value={field.value === null || Number.isNaN(field.value) ? "" : field.value}
                    onChange={(event) =>
                      field.onChange(event.target.value === "" ? null : event.target.valueAsNumber)
                    }
                  />
                  <FieldError errors={[fieldState.error]} />
                </Field>
              )}
            />
          </li>
        ))}
      </ul>
      <div className="flex flex-wrap gap-4 text-sm">
        {form.getValues("storages").map((entry, index) => (
          <Controller
            key={entry.storage}
            control={form.control}
            name={`storages.${index}.approved`}
            render={({ field }) => (
              <Field orientation="horizontal" className="w-auto">
                <Checkbox
                  id={`storage-${entry.storage}`}
                  checked={field.value}
                  onCheckedChange={field.onChange}
                />
                <FieldLabel htmlFor={`storage-${entry.storage}`} className="font-normal">
                  {entry.storage}
                </FieldLabel>
              </Field>
            )}
          />
        ))}
      </div>
      <FieldError>{error}</FieldError>
      <div>
        <Button type="submit" size="sm" disabled={!canChange || pending}>
          {t("save")}
        </Button>
      </div>
    </form>
  );
}
