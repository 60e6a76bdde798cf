import { getFormatter, getTranslations } from "next-intl/server";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { ScheduleSource, ScheduleState } from "@/lib/schedules/schedule-view";
import { PowerTimesForm } from "./power-times-form";

const weekdayDate = (day: number) => new Date(Date.UTC(2024, 0, day, 12));

/**
 * A VM's or a project's power schedule: what powers it now and when it next changes, and for those who may
 * set it, the form. A VM that follows its class's or project's times says whose they are.
 */
export async function PowerScheduleCard({
  target,
  governing,
  mayChange,
}: {
  target: { vmId: string } | { projectId: string };
  governing: (ScheduleState & { source: ScheduleSource; name: string }) | null;
  mayChange: boolean;
}) {
  const t = await getTranslations("schedules.card");
  const format = await getFormatter();
  const forVm = "vmId" in target;
  const own = governing && governing.source === (forVm ? "vm" : "project") ? governing.schedule : null;
  const days = (list: number[]) =>
    list.map((day) => format.dateTime(weekdayDate(day), { weekday: "short", timeZone: "UTC" })).join(", ");
  const at = (when: Date, timeZone: string) =>
    format.dateTime(when, { weekday: "long", hour: "2-digit", minute: "2-digit", timeZone });
  return (
    <Card data-testid="power-schedule">
      <CardHeader>
        <CardTitle>{t("title")}</CardTitle>
        <CardDescription>{t(forVm ? "vmDescription" : "projectDescription")}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        {governing ? (
          <div className="grid gap-1 text-sm" data-testid="power-schedule-summary">
            {governing.source !== (forVm ? "vm" : "project") && (
              <p>
                {t(governing.source === "cohort" ? "followsCohort" : "followsProject", {
                  name: governing.name,
                })}
              </p>
            )}
            <ul className="list-inside list-disc">
              {governing.schedule.slots.map((slot, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: slots have no id and keep their order
                <li key={index}>{t("slot", { days: days(slot.days), start: slot.start, end: slot.end })}</li>
              ))}
            </ul>
            <p className="text-muted-foreground">
              {t("zone", { zone: governing.schedule.timeZone })}
              {" · "}
              {governing.next
                ? t(governing.on ? "onNow" : "offNow", {
                    at: at(governing.next.at, governing.schedule.timeZone),
                  })
                : t(governing.on ? "onNoEnd" : "offNoStart")}
              {" · "}
              {t(governing.schedule.allowOutside ? "outsideAllowed" : "outsideRefused")}
            </p>
          </div>
        ) : (
          <p className="text-sm text-muted-foreground">{t(forVm ? "vmNone" : "projectNone")}</p>
        )}
        {mayChange && forVm && governing && governing.source !== "vm" && (
          <p className="text-sm">{t("ownComesFirst")}</p>
        )}
        {mayChange && (
          <PowerTimesForm
            target={target}
            timeZones={Intl.supportedValuesOf("timeZone")}
            initial={{
              timeZone: own?.timeZone ?? governing?.schedule.timeZone ?? "",
              schedule: { slots: own?.slots ?? [], allowOutside: own?.allowOutside ?? true },
            }}
          />
        )}
      </CardContent>
    </Card>
  );
}
