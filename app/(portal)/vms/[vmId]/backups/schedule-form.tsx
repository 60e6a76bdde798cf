"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { Controller, useForm } from "react-hook-form";
import { NumberField } from "@/components/number-field";
import { Button } from "@/components/ui/button";
import { Field, FieldError, FieldLabel } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { NativeSelect, NativeSelectOption } from "@/components/ui/native-select";
import type { BackupMode } from "@/db/schema";
import { useActionRunner } from "@/hooks/use-action-runner";
import { backupScheduleSchema } from "@/lib/backups/backup-inputs";
import { zodParseOptions } from "@/lib/i18n/zod-errors";
import { removeBackupScheduleAction, saveBackupScheduleAction } from "./actions";
import type { BackupTarget } from "./backup-item";

// 4 January 2026 was a Sunday: the week from it gives each weekday's name in the reader's language.
const weekdayDates = Array.from({ length: 7 }, (_, index) => new Date(Date.UTC(2026, 0, 4 + index, 12)));

export interface ScheduleView {
  storageId: string;
  mode: string;
  frequency: "daily" | "weekly";
  weekday: number;
  time: string;
  keepLast: number;
  keepDaily: number;
  keepWeekly: number;
  nextRun: string | null;
}

export function ScheduleForm({
  vmId,
  targets,
  schedule,
}: {
  vmId: string;
  targets: BackupTarget[];
  schedule: ScheduleView | null;
}) {
  const t = useTranslations("vmPage.schedule");
  const locale = useLocale();
  const format = useFormatter();
  const weekdays = weekdayDates.map((day) => format.dateTime(day, { weekday: "long", timeZone: "UTC" }));
  const form = useForm({
    resolver: zodResolver(backupScheduleSchema, zodParseOptions(locale)),
    defaultValues: {
      vmId,
      storageId: schedule?.storageId ?? targets[0]?.id ?? "",
      mode: (schedule?.mode ?? targets[0]?.modes[0] ?? "snapshot") as BackupMode,
      frequency: schedule?.frequency ?? "daily",
      weekday: schedule?.weekday ?? 0,
      time: schedule?.time ?? "02:00",
      keepLast: schedule?.keepLast ?? 3,
      keepDaily: schedule?.keepDaily ?? 0,
      keepWeekly: schedule?.keepWeekly ?? 0,
    },
  });
  const { run, pending, error } = useActionRunner({ form, refresh: true });
  const weekly = form.watch("frequency") === "weekly";
  return (
    <form
      noValidate
      aria-label={t("label")}
      className="grid gap-3"
      onSubmit={form.handleSubmit((values) =>
        run(() => saveBackupScheduleAction(values), { success: t("saved") }),
      )}
    >
      <h3 className="text-sm font-semibold">{t("title")}</h3>
      <p className="text-sm text-muted-foreground" data-testid="backup-schedule-status">
        {schedule
          ? t(schedule.nextRun ? "statusNext" : "status", {
              frequency: schedule.frequency,
              weekday: weekdays[schedule.weekday] ?? "",
              time: schedule.time,
              next: schedule.nextRun ?? "",
            })
          : t("none")}{" "}
        {t("retention")}
      </p>
      <div className="grid items-start gap-3 sm:grid-cols-4">
        <Controller
          control={form.control}
          name="frequency"
          render={({ field }) => (
            <Field className="gap-1.5">
              <FieldLabel htmlFor="schedule-frequency">{t("frequency")}</FieldLabel>
              <NativeSelect {...field} id="schedule-frequency">
                <NativeSelectOption value="daily">{t("daily")}</NativeSelectOption>
                <NativeSelectOption value="weekly">{t("weekly")}</NativeSelectOption>
              </NativeSelect>
            </Field>
          )}
        />
        {weekly && (
          <Controller
            control={form.control}
            name="weekday"
            render={({ field, fieldState }) => (
              <Field data-invalid={fieldState.invalid} className="gap-1.5">
                <FieldLabel htmlFor="schedule-weekday">{t("weekday")}</FieldLabel>
                <NativeSelect
                  id="schedule-weekday"
                  name={field.name}
                  ref={field.ref}
                  value={field.value ?? 0}
                  onChange={(event) => field.onChange(Number(event.target.value))}
                >
                  {weekdays.map((day, index) => (
                    <NativeSelectOption key={day} value={index}>
                      {day}
                    </NativeSelectOption>
                  ))}
                </NativeSelect>
                <FieldError errors={[fieldState.error]} />
              </Field>
            )}
          />
        )}
        <Controller
          control={form.control}
          name="time"
          render={({ field, fieldState }) => (
            <Field data-invalid={fieldState.invalid} className="gap-1.5">
              <FieldLabel htmlFor="schedule-time">{t("time")}</FieldLabel>
              <Input {...field} id="schedule-time" type="time" aria-invalid={fieldState.invalid} />
              <FieldError errors={[fieldState.error]} />
            </Field>
          )}
        />
        {targets.length > 1 && (
          <Controller
            control={form.control}
            name="storageId"
            render={({ field }) => (
              <Field className="gap-1.5">
                <FieldLabel htmlFor="schedule-storage">{t("storage")}</FieldLabel>
                <NativeSelect {...field} id="schedule-storage">
                  {targets.map((target) => (
                    <NativeSelectOption key={target.id} value={target.id}>
                      {target.label}
                    </NativeSelectOption>
                  ))}
                </NativeSelect>
              </Field>
            )}
          />
        )}
      </div>
      <div className="grid items-start gap-3 sm:grid-cols-3">
        <NumberField control={form.control} name="keepLast" id="schedule-keep-last" label={t("keepLast")} />
        <NumberField
          control={form.control}
          name="keepDaily"
          id="schedule-keep-daily"
          label={t("keepDaily")}
        />
        <NumberField
          control={form.control}
          name="keepWeekly"
          id="schedule-keep-weekly"
          label={t("keepWeekly")}
        />
      </div>
      <FieldError>{error}</FieldError>
      <div className="flex gap-2">
        <Button type="submit" variant="outline" size="sm" disabled={pending}>
          {t("save")}
        </Button>
        {schedule && (
          <Button
            type="button"
            variant="ghost"
            size="sm"
            disabled={pending}
            onClick={() => run(() => removeBackupScheduleAction({ vmId }), { success: t("removed") })}
          >
            {t("remove")}
          </Button>
        )}
      </div>
    </form>
  );
}
