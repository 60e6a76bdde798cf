import { Time } from "@/components/time";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { AuditEvent } from "@/db/schema";

const resultVariant = { success: "secondary", failure: "destructive", denied: "outline" } as const;

export function AuditTable({ events }: { events: AuditEvent[] }) {
  if (events.length === 0) return <p className="text-sm text-muted-foreground">No events match.</p>;
  return (
    <Table>
      <TableHeader>
        <TableRow>
          <TableHead>When (UTC)</TableHead>
          <TableHead>Actor</TableHead>
          <TableHead>Action</TableHead>
          <TableHead>Target</TableHead>
          <TableHead>Result</TableHead>
          <TableHead>Client</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {events.map((event) => (
          <TableRow key={event.id}>
            <TableCell className="font-mono text-xs">
              <Time at={event.at} precision="second" />
            </TableCell>
            <TableCell>{event.actorLabel}</TableCell>
            <TableCell className="font-mono text-xs">{event.action}</TableCell>
            <TableCell className="text-xs">
              {event.targetType ? `${event.targetType} ${event.targetId ?? ""}` : "—"}
            </TableCell>
            <TableCell>
              <Badge variant={resultVariant[event.result]}>{event.result}</Badge>
            </TableCell>
            <TableCell className="font-mono text-xs">{event.clientAddress ?? "—"}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
