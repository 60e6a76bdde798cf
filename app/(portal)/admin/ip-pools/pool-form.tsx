"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { Controller, useForm } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Field, FieldError, FieldLabel } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { NativeSelect, NativeSelectOption } from "@/components/ui/native-select";
import { useActionRunner } from "@/hooks/use-action-runner";
import { type PoolFormFields, poolFormSchema, poolFromForm } from "@/lib/ipam/pool-definition";
import { deletePoolAction, savePoolAction } from "./actions";

const emptyPool: PoolFormFields = {
  networkId: "",
  cidr: "",
  gateway: "",
  rangeStart: "",
  rangeEnd: "",
  dnsServers: "",
  domain: "",
};

const textFields: { key: Exclude<keyof PoolFormFields, "networkId">; label: string; placeholder: string }[] =
  [
    { key: "cidr", label: "Subnet", placeholder: "10.20.0.0/24" },
    { key: "gateway", label: "Gateway", placeholder: "10.20.0.1" },
    { key: "rangeStart", label: "First address to hand out", placeholder: "10.20.0.10" },
    { key: "rangeEnd", label: "Last address to hand out", placeholder: "10.20.0.250" },
    { key: "dnsServers", label: "DNS servers", placeholder: "10.20.0.2, 10.20.0.3" },
    { key: "domain", label: "Domain (DNS zone and search domain)", placeholder: "lab.example.org" },
  ];

/** Adds a pool (no id) or edits one; a pool stays on the network it was made for. */
export function PoolForm({
  id,
  initial,
  networks,
  canChange,
}: {
  id?: string;
  initial?: PoolFormFields;
  networks: { id: string; label: string }[];
  canChange: boolean;
}) {
  const router = useRouter();
  const form = useForm({
    resolver: zodResolver(poolFormSchema),
    defaultValues: initial ?? { ...emptyPool, networkId: networks[0]?.id ?? "" },
  });
  const { run, pending, error } = useActionRunner({ form });
  const prefix = id ? `pool-${id}` : "new-pool";
  return (
    <form
      noValidate
      className="grid gap-3"
      aria-label={id ? "Pool settings" : "New pool"}
      onSubmit={form.handleSubmit((fields) =>
        run(() => savePoolAction({ id, pool: poolFromForm(fields) }), {
          success: id ? "Saved." : "Pool added.",
          onSuccess: (saved) => {
            if (!id) router.push(`/admin/ip-pools/${saved.id}`);
          },
        }),
      )}
    >
      <div className="grid items-start gap-3 sm:grid-cols-2">
        <Controller
          control={form.control}
          name="networkId"
          render={({ field, fieldState }) => (
            <Field data-invalid={fieldState.invalid} className="gap-1.5">
              <FieldLabel htmlFor={`${prefix}-network`}>Network</FieldLabel>
              <NativeSelect
                {...field}
                id={`${prefix}-network`}
                disabled={Boolean(id)}
                aria-invalid={fieldState.invalid}
              >
                {networks.map((network) => (
                  <NativeSelectOption key={network.id} value={network.id}>
                    {network.label}
                  </NativeSelectOption>
                ))}
              </NativeSelect>
              <FieldError errors={[fieldState.error]} />
            </Field>
          )}
        />
        {textFields.map((text) => (
          <Controller
            key={text.key}
            control={form.control}
            name={text.key}
            render={({ field, fieldState }) => (
              <Field data-invalid={fieldState.invalid} className="gap-1.5">
                <FieldLabel htmlFor={`${prefix}-${text.key}`}>{text.label}</FieldLabel>
                <Input
                  {...field}
                  id={`${prefix}-${text.key}`}
                  placeholder={text.placeholder}
                  aria-invalid={fieldState.invalid}
                />
                <FieldError errors={[fieldState.error]} />
              </Field>
            )}
          />
        ))}
      </div>
      <FieldError>{error}</FieldError>
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
              run(() => deletePoolAction({ id }), {
                success: "Pool removed.",
                onSuccess: () => router.push("/admin/ip-pools"),
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
