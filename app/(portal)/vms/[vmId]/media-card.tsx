"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Field, FieldError, FieldLabel } from "@/components/ui/field";
import { NativeSelect, NativeSelectOption } from "@/components/ui/native-select";
import { useActionRunner } from "@/hooks/use-action-runner";
import { setBootOrderAction, setCdromAction } from "../actions";

export function MediaCard({ vmId, isos }: { vmId: string; isos: { id: string; label: string }[] }) {
  const t = useTranslations("vmPage.media");
  const [isoId, setIsoId] = useState(isos[0]?.id ?? "");
  const { run, pending, error } = useActionRunner({ refresh: true });
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("title")}</CardTitle>
        <CardDescription>{t("description")}</CardDescription>
      </CardHeader>
      <CardContent className="flex flex-wrap items-end gap-3">
        {isos.length > 0 && (
          <Field className="w-auto gap-1.5">
            <FieldLabel htmlFor="media-iso">{t("iso")}</FieldLabel>
            <NativeSelect id="media-iso" value={isoId} onChange={(event) => setIsoId(event.target.value)}>
              {isos.map((iso) => (
                <NativeSelectOption key={iso.id} value={iso.id}>
                  {iso.label}
                </NativeSelectOption>
              ))}
            </NativeSelect>
          </Field>
        )}
        {isos.length > 0 && (
          <Button
            variant="outline"
            disabled={pending}
            onClick={() => run(() => setCdromAction({ vmId, isoId }), { success: t("inserted") })}
          >
            {t("insert")}
          </Button>
        )}
        <Button
          variant="outline"
          disabled={pending}
          onClick={() => run(() => setCdromAction({ vmId, isoId: null }), { success: t("ejected") })}
        >
          {t("eject")}
        </Button>
        <Button
          variant="ghost"
          disabled={pending}
          onClick={() => run(() => setBootOrderAction({ vmId, first: "cdrom" }), { success: t("bootsCd") })}
        >
          {t("bootCd")}
        </Button>
        <Button
          variant="ghost"
          disabled={pending}
          onClick={() => run(() => setBootOrderAction({ vmId, first: "disk" }), { success: t("bootsDisk") })}
        >
          {t("bootDisk")}
        </Button>
        <FieldError className="w-full">{error}</FieldError>
      </CardContent>
    </Card>
  );
}
