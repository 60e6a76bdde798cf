import { useTranslations } from "next-intl";
import { Time } from "@/components/time";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { AuditEvent } from "@/db/schema";

const resultVariant = { success: "secondary", failure: "destructive", denied: "outline" } as const;

export function AuditTable({ events }: { events: AuditEvent[] }) {
  const t = useTranslations("components.auditTable");
  if (events.length === 0) return <p className="text-sm text-muted-foreground">{t("empty")}</p>;
  return (
    <Table>
      <TableHeader>
        <TableRow>
          <TableHead>{t("when")}</TableHead>
          <TableHead>{t("actor")}</TableHead>
          <TableHead>{t("action")}</TableHead>
          <TableHead>{t("target")}</TableHead>
          <TableHead>{t("result")}</TableHead>
          <TableHead>{t("client")}</TableHead>
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
              <Badge variant={resultVariant[event.result]}>{t(`results.${event.result}`)}</Badge>
            </TableCell>
            <TableCell className="font-mono text-xs">{event.clientAddress ?? "—"}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
