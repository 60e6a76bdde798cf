import { z } from "zod";
import { powerScheduleInputSchema } from "@/lib/schedules/schedule-input";
import type { ProjectScheduleView, ScheduleState, VmScheduleView } from "@/lib/schedules/schedule-view";

/** What a caller sends to set a schedule: the zone it is read in, its weekly times, and starts outside them. */
export const powerScheduleBody = powerScheduleInputSchema.meta({
  id: "PowerScheduleInput",
  description:
    "Weekly times in an IANA time zone: the VMs start at each `start` and stop at its `end` on its `days` (1 = Monday … 7 = Sunday). A time past midnight is two: one to 23:59, one from 00:00.",
});

const edge = z
  .object({ at: z.iso.datetime(), action: z.enum(["start", "stop"]) })
  .nullable()
  .meta({ description: "The next edge that changes whether it is on, within a week; null for none." });

export const powerScheduleResource = z
  .object({
    timeZone: z.string(),
    slots: z.array(z.object({ days: z.array(z.number().int()), start: z.string(), end: z.string() })),
    allowOutside: z
      .boolean()
      .meta({ description: "Whether members may start a stopped VM outside the times." }),
    on: z.boolean().meta({ description: "Whether it is within one of the times now." }),
    next: edge,
  })
  .meta({ id: "PowerSchedule" });

export const vmScheduleResource = z
  .object({
    own: powerScheduleResource.nullable().meta({ description: "The VM's own schedule; null for none." }),
    governing: powerScheduleResource
      .extend({
        source: z.enum(["vm", "cohort", "project"]),
        name: z.string().meta({ description: "The VM's, class's or project's name." }),
      })
      .nullable()
      .meta({
        description:
          "The schedule that powers the VM: its own, else its class's, else its project's; null for none.",
      }),
    mayChange: z.boolean().meta({ description: "Whether you may set or remove the VM's own schedule." }),
  })
  .meta({ id: "VmSchedule" });

export const projectScheduleResource = z
  .object({
    schedule: powerScheduleResource.nullable().meta({ description: "Null: the project has none." }),
    mayChange: z.boolean().meta({ description: "Whether you may set or remove it." }),
  })
  .meta({ id: "ProjectSchedule" });

export function powerScheduleResourceOf({
  schedule,
  on,
  next,
}: ScheduleState): z.infer<typeof powerScheduleResource> {
  return {
    timeZone: schedule.timeZone,
    slots: schedule.slots,
    allowOutside: schedule.allowOutside,
    on,
    next: next ? { at: next.at.toISOString(), action: next.action } : null,
  };
}

export function vmScheduleResourceOf(view: VmScheduleView): z.infer<typeof vmScheduleResource> {
  const { governing } = view;
  return {
    own: governing?.source === "vm" ? powerScheduleResourceOf(governing) : null,
    governing: governing
      ? { ...powerScheduleResourceOf(governing), source: governing.source, name: governing.name }
      : null,
    mayChange: view.mayChange,
  };
}

export function projectScheduleResourceOf(
  view: ProjectScheduleView,
): z.infer<typeof projectScheduleResource> {
  return { schedule: view.own ? powerScheduleResourceOf(view.own) : null, mayChange: view.mayChange };
}
