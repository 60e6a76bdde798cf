"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { FormProvider, useForm } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { FieldError, FieldGroup } from "@/components/ui/field";
import { VmSizeFields } from "@/components/vm-size-fields";
import { useActionRunner } from "@/hooks/use-action-runner";
import { vmResizeSchema, withSizeLimits } from "@/lib/vms/vm-inputs";
import type { SizeLimits, VmSize } from "@/lib/vms/vm-size";
import { resizeVmAction } from "../actions";

export function ResizeForm({ vmId, size, limits }: { vmId: string; size: VmSize; limits: SizeLimits }) {
  // Disks never shrink, so the smallest disk on offer is the one the VM has.
  const bounds = { ...limits, minDiskGb: Math.max(limits.minDiskGb, size.diskGb) };
  const form = useForm({
    resolver: zodResolver(withSizeLimits(vmResizeSchema, bounds)),
    defaultValues: size,
  });
  const { run, pending, error } = useActionRunner({ form, refresh: true });
  const resize = (values: VmSize) =>
    run(() => resizeVmAction({ vmId, ...values }), {
      success: ({ pendingUntilReboot }) =>
        pendingUntilReboot.length ? "Saved. CPU and memory change at the next reboot." : "Saved.",
    });
  return (
    <Card>
      <CardHeader>
        <CardTitle>Size</CardTitle>
        <CardDescription>Change cores and memory, or grow the disk. Disks never shrink.</CardDescription>
      </CardHeader>
      <CardContent>
        <FormProvider {...form}>
          <form noValidate onSubmit={form.handleSubmit(resize)}>
            <FieldGroup className="gap-4">
              <VmSizeFields idPrefix="resize" limits={bounds} />
              <FieldError>{error}</FieldError>
              <Button type="submit" variant="outline" disabled={pending} className="w-fit">
                Apply
              </Button>
            </FieldGroup>
          </form>
        </FormProvider>
      </CardContent>
    </Card>
  );
}
