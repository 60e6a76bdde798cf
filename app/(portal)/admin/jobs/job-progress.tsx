import { useTranslations } from "next-intl";
import { Progress } from "@/components/ui/progress";
import { cn } from "@/lib/utils";

/** A job's reported progress: a bar when it gave a percentage, and its latest message. */
export function JobProgress({
  percent,
  message,
  className,
}: {
  percent: number | null;
  message: string | null;
  className?: string;
}) {
  const t = useTranslations("adminJobs");
  if (percent === null && !message) return <span className="text-muted-foreground">—</span>;
  return (
    <div className={cn("flex min-w-32 flex-col gap-1", className)}>
      {percent !== null && (
        <Progress value={percent} aria-label={message ?? t("progress")} className="h-1.5 bg-muted" />
      )}
      {message && <span className="text-xs text-muted-foreground">{message}</span>}
    </div>
  );
}
