import { useTranslations } from "next-intl";
import { Time } from "@/components/time";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import type { VmEvent } from "@/db/schema";
import { byAnyKey, renderMessage } from "@/lib/i18n/message";

/** What happened to a VM, newest first, and who did it; lines written before tokens stay as written. */
export function VmTimelineCard({
  events,
}: {
  events: Pick<VmEvent, "id" | "at" | "message" | "actorLabel">[];
}) {
  const t = useTranslations();
  const anyKey = byAnyKey(t);
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("timeline.title")}</CardTitle>
      </CardHeader>
      <CardContent>
        <ol className="grid gap-2 text-sm">
          {events.map((event) => (
            <li key={event.id} className="flex gap-3">
              <span className="w-36 shrink-0 font-mono text-xs text-muted-foreground">
                <Time at={event.at} precision="second" />
              </span>
              <span>{renderMessage(event.message, anyKey)}</span>
              <span className="text-muted-foreground">
                {t("timeline.byActor", { actor: event.actorLabel })}
              </span>
            </li>
          ))}
        </ol>
      </CardContent>
    </Card>
  );
}
