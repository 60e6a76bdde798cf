import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import type { Vm } from "@/db/schema";

const variants: Record<Vm["state"], "default" | "secondary" | "destructive" | "outline"> = {
  running: "default",
  provisioning: "secondary",
  stopped: "outline",
  paused: "secondary",
  failed: "destructive",
  missing: "destructive",
  deleting: "secondary",
  deleted: "outline",
};

export function VmStateBadge({ state }: { state: Vm["state"] }) {
  const t = useTranslations("common.states");
  return (
    <Badge variant={variants[state]} data-testid="vm-state">
      {t(state)}
    </Badge>
  );
}
