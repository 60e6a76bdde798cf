import { Time } from "@/components/time";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import type { VmEvent } from "@/db/schema";

/** What happened to a VM, newest first, and who did it. */
export function VmTimelineCard({
  events,
}: {
  events: Pick<VmEvent, "id" | "at" | "message" | "actorLabel">[];
}) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>Timeline</CardTitle>
      </CardHeader>
      <CardContent>
        <ol className="grid gap-2 text-sm">
          {events.map((event) => (
            <li key={event.id} className="flex gap-3">
              <span className="w-36 shrink-0 font-mono text-xs text-muted-foreground">
                <Time at={event.at} precision="second" />
              </span>
              <span>{event.message}</span>
              <span className="text-muted-foreground">— {event.actorLabel}</span>
            </li>
          ))}
        </ol>
      </CardContent>
    </Card>
  );
}
