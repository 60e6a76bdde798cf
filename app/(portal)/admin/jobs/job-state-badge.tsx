import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import type { JobState } from "@/db/schema";

const variants = {
  queued: "outline",
  running: "default",
  succeeded: "secondary",
  failed: "destructive",
  cancelled: "outline",
} as const satisfies Record<JobState, string>;

/** A job's state; a queued job whose time has not come says what it waits for. */
export function JobStateBadge({ state, waitingUntil }: { state: JobState; waitingUntil?: Date | null }) {
  const t = useTranslations("adminJobs");
  const waiting = state === "queued" && waitingUntil && waitingUntil.getTime() > Date.now();
  return <Badge variant={variants[state]}>{waiting ? t("waiting") : t("state", { state })}</Badge>;
}
