"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { Controller, FormProvider, useForm } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Field, FieldError, FieldGroup, FieldLabel } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { NativeSelect, NativeSelectOption } from "@/components/ui/native-select";
import { VmSizeFields } from "@/components/vm-size-fields";
import { useActionRunner } from "@/hooks/use-action-runner";
import { zodParseOptions } from "@/lib/i18n/zod-errors";
import {
  type DiskBus,
  isoHardwareOptions,
  isoRequestSchema,
  type NicModel,
  withSizeLimits,
} from "@/lib/vms/vm-inputs";
import type { SizeLimits } from "@/lib/vms/vm-size";
import { createIsoVmAction } from "../actions";
import { NetworkSelect } from "./network-select";

export function IsoVmForm({
  isos,
  limits,
  hardware,
  networks,
}: {
  networks: { id: string; label: string }[];
  isos: { id: string; label: string }[];
  limits: SizeLimits;
  /** What the admins offer, a subset of isoHardwareOptions. */
  hardware: { diskBuses: DiskBus[]; nicModels: NicModel[]; allowUefi: boolean };
}) {
  const router = useRouter();
  const t = useTranslations("createVm");
  const locale = useLocale();
  const form = useForm({
    resolver: zodResolver(withSizeLimits(isoRequestSchema, limits), zodParseOptions(locale)),
    defaultValues: {
      isoId: isos[0]?.id ?? "",
      networkId: networks[0]?.id,
      name: "",
      cores: Math.min(2, limits.maxCores),
      memoryMb: Math.min(2048, limits.maxMemoryMb),
      diskGb: Math.max(limits.minDiskGb, 20),
      diskBus: hardware.diskBuses[0],
      nicModel: hardware.nicModels[0],
      uefi: false,
    },
  });
  const { run, pending, error } = useActionRunner({ form });
  const choice = (name: "isoId" | "diskBus" | "nicModel", id: string, label: string, options: string[][]) => (
    <Controller
      control={form.control}
      name={name}
      render={({ field, fieldState }) => (
        <Field data-invalid={fieldState.invalid} className="w-auto">
          <FieldLabel htmlFor={id}>{label}</FieldLabel>
          <NativeSelect {...field} id={id} aria-invalid={fieldState.invalid}>
            {options.map(([value, text]) => (
              <NativeSelectOption key={value} value={value}>
                {text}
              </NativeSelectOption>
            ))}
          </NativeSelect>
          <FieldError errors={[fieldState.error]} />
        </Field>
      )}
    />
  );
  return (
    <FormProvider {...form}>
      <form
        noValidate
        onSubmit={form.handleSubmit((values) =>
          run(() => createIsoVmAction(values), { onSuccess: ({ vmId }) => router.push(`/vms/${vmId}`) }),
        )}
      >
        <FieldGroup className="gap-5">
          <div className="sm:max-w-md">
            {choice(
              "isoId",
              "iso",
              t("iso.installer"),
              isos.map((iso) => [iso.id, iso.label]),
            )}
          </div>
          <Controller
            control={form.control}
            name="name"
            render={({ field, fieldState }) => (
              <Field data-invalid={fieldState.invalid} className="sm:max-w-sm">
                <FieldLabel htmlFor="iso-vm-name">{t("name.label")}</FieldLabel>
                {/* i18n-ignore: an example hostname, the same in every language */}
                <Input {...field} id="iso-vm-name" placeholder="lab-1" aria-invalid={fieldState.invalid} />
                <FieldError errors={[fieldState.error]} />
              </Field>
            )}
          />
          <VmSizeFields idPrefix="iso" limits={limits} />
          <NetworkSelect networks={networks} />
          <div className="flex flex-wrap items-end gap-4">
            {choice(
              "diskBus",
              "disk-bus",
              t("iso.diskBus"),
              hardware.diskBuses.map((bus) => [bus, isoHardwareOptions.diskBuses[bus]]),
            )}
            {choice(
              "nicModel",
              "nic-model",
              t("iso.nicModel"),
              hardware.nicModels.map((model) => [model, isoHardwareOptions.nicModels[model]]),
            )}
            {hardware.allowUefi && (
              <Controller
                control={form.control}
                name="uefi"
                render={({ field, fieldState }) => (
                  <Field orientation="horizontal" data-invalid={fieldState.invalid} className="w-auto">
                    <Checkbox
                      id="iso-uefi"
                      name={field.name}
                      checked={field.value}
                      onCheckedChange={(checked) => field.onChange(checked === true)}
                      aria-invalid={fieldState.invalid}
                    />
                    <FieldLabel htmlFor="iso-uefi" className="font-normal">
                      {t("iso.uefi")}
                    </FieldLabel>
                    <FieldError errors={[fieldState.error]} />
                  </Field>
                )}
              />
            )}
          </div>
          <FieldError>{error}</FieldError>
          <div>
            <Button type="submit" disabled={pending || isos.length === 0}>
              {pending ? t("creating") : t("iso.submit")}
            </Button>
          </div>
        </FieldGroup>
      </form>
    </FormProvider>
  );
}
