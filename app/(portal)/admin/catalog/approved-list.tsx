"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { FieldError } from "@/components/ui/field";
import { useActionRunner } from "@/hooks/use-action-runner";
import { setCatalogItemEnabledAction } from "./actions";

export function ApprovedList({
  kind,
  items,
  canChange,
}: {
  kind: "template" | "iso" | "network";
  items: { id: string; label: string; detail: string; enabled: boolean }[];
  canChange: boolean;
}) {
  const t = useTranslations("adminCatalog.approved");
  const { run, pending, error } = useActionRunner({ refresh: true });
  if (items.length === 0) return <p className="text-sm text-muted-foreground">{t("none")}</p>;
  return (
    <div className="grid gap-2">
      <FieldError>{error}</FieldError>
      <ul className="grid gap-2" aria-label={t(`label.${kind}`)}>
        {items.map((item) => (
          <li key={item.id} className="flex flex-wrap items-center gap-3 rounded-md border px-3 py-2">
            <div className="me-auto">
              <div className="font-medium">{item.label}</div>
              <div className="text-xs text-muted-foreground">{item.detail}</div>
            </div>
            <span className="text-xs">{item.enabled ? t("offered") : t("withdrawn")}</span>
            <Button
              size="sm"
              variant="outline"
              disabled={!canChange || pending}
              onClick={() =>
                run(() => setCatalogItemEnabledAction({ kind, id: item.id, enabled: !item.enabled }), {
                  success: item.enabled
                    ? t("withdrawnToast", { label: item.label })
                    : t("offeredToast", { label: item.label }),
                })
              }
            >
              {item.enabled ? t("withdraw") : t("offer")}
            </Button>
          </li>
        ))}
      </ul>
    </div>
  );
}
