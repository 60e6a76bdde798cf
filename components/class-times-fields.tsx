"use client";

import { useFormatter, useTranslations } from "next-intl";
import { Controller, useFieldArray, useFormContext } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { FieldDescription, FieldError, FieldLabel } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import type { NewCohortInput } from "@/lib/cohorts/class-times";

// ISO weekdays 1 (Monday) to 7, named from a week whose Monday is 1 January 2024: the name alone, in the
// person's language; the class's time zone applies to the times, not to a weekday's name.
const weekdays = [1, 2, 3, 4, 5, 6, 7];
const weekdayDate = (day: number) => new Date(Date.UTC(2024, 0, day, 12));

/**
 * Weekly times: the VMs start at each one's start and stop at its end, in the schedule's time zone. For any
 * form with a `schedule`: a class's ("class times"), a project's or a VM's ("power times").
 */
export function ClassTimesFields({
  words = "class",
  idPrefix = "cohort",
}: {
  words?: "class" | "power";
  idPrefix?: string;
}) {
  const t = useTranslations(words === "class" ? "cohorts.classTimes" : "schedules.powerTimes");
  const format = useFormatter();
  const { control, formState } = useFormContext<Pick<NewCohortInput, "schedule">>();
  const { fields, append, remove } = useFieldArray({ control, name: "schedule.slots" });
  const errors = formState.errors.schedule?.slots;
  return (
    <fieldset className="grid gap-3">
      <legend className="mb-2 text-sm font-medium">{t("legend")}</legend>
      {fields.length === 0 && <FieldDescription>{t("none")}</FieldDescription>}
      {fields.map((slot, index) => (
        <div key={slot.id} className="flex flex-wrap items-end gap-3" data-testid={`class-time-${index}`}>
          <Controller
            control={control}
            name={`schedule.slots.${index}.days`}
            render={({ field }) => (
              <fieldset className="flex gap-2">
                <legend className="sr-only">{t("days", { number: index + 1 })}</legend>
                {weekdays.map((day) => (
                  <div key={day} className="flex items-center gap-1 text-sm">
                    <Checkbox
                      id={`${idPrefix}-slot-${index}-day-${day}`}
                      checked={(field.value ?? []).includes(day)}
                      onCheckedChange={(checked) =>
                        field.onChange(
                          checked
                            ? [...(field.value ?? []), day].sort()
                            : (field.value ?? []).filter((value) => value !== day),
                        )
                      }
                    />
                    <FieldLabel htmlFor={`${idPrefix}-slot-${index}-day-${day}`}>
                      {format.dateTime(weekdayDate(day), { weekday: "short", timeZone: "UTC" })}
                    </FieldLabel>
                  </div>
                ))}
              </fieldset>
            )}
          />
          {(["start", "end"] as const).map((edge) => (
            <Controller
              key={edge}
              control={control}
              name={`schedule.slots.${index}.${edge}`}
              render={({ field }) => (
                <div className="grid gap-1">
                  <FieldLabel htmlFor={`${idPrefix}-slot-${index}-${edge}`}>
                    {t(edge === "start" ? "from" : "to")}
                  </FieldLabel>
                  <Input {...field} id={`${idPrefix}-slot-${index}-${edge}`} type="time" className="w-32" />
                </div>
              )}
            />
          ))}
          <Button type="button" variant="ghost" size="sm" onClick={() => remove(index)}>
            {t("remove")}
          </Button>
          <FieldError errors={[errors?.[index]?.days, errors?.[index]?.start, errors?.[index]?.end]} />
        </div>
      ))}
      <div>
        <Button
          type="button"
          variant="outline"
          size="sm"
          onClick={() => append({ days: [1, 2, 3, 4, 5], start: "09:00", end: "12:00" })}
        >
          {t("add")}
        </Button>
      </div>
      <Controller
        control={control}
        name="schedule.allowOutside"
        render={({ field }) => (
          <div className="flex items-center gap-2">
            <Checkbox
              id={`${idPrefix}-allow-outside`}
              checked={field.value ?? true}
              onCheckedChange={(checked) => field.onChange(checked === true)}
            />
            <FieldLabel htmlFor={`${idPrefix}-allow-outside`}>{t("allowOutside")}</FieldLabel>
          </div>
        )}
      />
    </fieldset>
  );
}
