import { FlaskConical } from "lucide-react";
import { useTranslations } from "next-intl";

export function DemoBanner() {
  const t = useTranslations("shell");
  return (
    <div
      role="status"
      data-testid="demo-banner"
      className="flex items-center justify-center gap-2 bg-warning px-4 py-1.5 text-center text-xs text-warning-foreground sm:text-sm"
    >
      <FlaskConical className="size-4 shrink-0" aria-hidden />
      <span>{t("demoBanner")}</span>
    </div>
  );
}
