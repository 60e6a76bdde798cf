"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { validatedAction } from "@/lib/actions/validated-action";
import { actOnSeats } from "@/lib/cohorts/act-on-seats";
import { saveClassSettings } from "@/lib/cohorts/class-settings";
import { classSettingsInput } from "@/lib/cohorts/class-settings-input";
import { newCohortInput } from "@/lib/cohorts/class-times";
import { createCohort } from "@/lib/cohorts/create-cohort";
import { recreateSeatVm } from "@/lib/cohorts/recreate-seat-vm";
import { retrySeat } from "@/lib/cohorts/retry-seat";
import { revealSeatPassword } from "@/lib/cohorts/seat-password";
import { message } from "@/lib/i18n/message";
import { savePowerSchedule } from "@/lib/schedules/manage-schedules";

export const createCohortAction = validatedAction(
  { name: "cohort.create", permission: "portal:use", input: newCohortInput },
  async ({ schedule, ...input }, { user, actor }) => {
    const { cohort, seats } = await createCohort(user, input, actor);
    if (schedule && schedule.slots.length > 0)
      await savePowerSchedule({
        person: user,
        actor,
        target: { cohortId: cohort.id },
        input: { timeZone: cohort.timeZone, ...schedule },
      });
    revalidatePath("/cohorts");
    return { id: cohort.id, seats: seats.length };
  },
);

export const retrySeatAction = validatedAction(
  {
    name: "cohort.seat_retry",
    permission: "portal:use",
    input: z.object({
      cohortId: z.uuid(message("cohorts.errors.pickClass")),
      seatId: z.uuid(message("cohorts.errors.pickStudent")),
    }),
  },
  async ({ cohortId, seatId }, { user, actor }) => {
    await retrySeat(user, cohortId, seatId, actor);
    revalidatePath(`/cohorts/${cohortId}`);
    return { seatId };
  },
);

export const recreateSeatVmAction = validatedAction(
  {
    name: "cohort.seat_recreate",
    permission: "portal:use",
    input: z.object({ vmId: z.uuid(message("cohorts.errors.pickStudent")), confirmName: z.string() }),
  },
  async ({ vmId, confirmName }, { user, actor }) => {
    const { seatId } = await recreateSeatVm({ vmId, person: user, confirmName, actor });
    revalidatePath(`/vms/${vmId}`);
    revalidatePath("/cohorts", "layout");
    return { seatId };
  },
);

/** A class VM's first password, for its student, once; the portal then keeps no copy. */
export const revealSeatPasswordAction = validatedAction(
  {
    name: "cohort.seat_password",
    permission: "portal:use",
    input: z.object({ vmId: z.uuid(message("cohorts.errors.pickStudent")) }),
  },
  async ({ vmId }, { user, audit }) => {
    const revealed = await revealSeatPassword(user.id, vmId);
    await audit({ action: "cohort.seat_password", target: { type: "vm", id: vmId } });
    revalidatePath(`/vms/${vmId}`);
    return revealed;
  },
);

export const saveClassSettingsAction = validatedAction(
  {
    name: "cohort.settings",
    permission: "portal:use",
    input: classSettingsInput.extend({ cohortId: z.uuid(message("cohorts.errors.pickClass")) }),
  },
  async ({ cohortId, ...settings }, { user, actor }) => {
    const saved = await saveClassSettings(user, cohortId, settings, actor);
    revalidatePath(`/cohorts/${cohortId}`);
    return saved;
  },
);

export const actOnSeatsAction = validatedAction(
  {
    name: "cohort.power",
    permission: "portal:use",
    input: z.object({
      cohortId: z.uuid(message("cohorts.errors.pickClass")),
      action: z.enum(["start", "shutdown", "reset"]),
      confirmName: z.string().optional(),
    }),
  },
  async ({ cohortId, action, confirmName }, { user, actor, audit }) => {
    const outcome = await actOnSeats({ person: user, cohortId, action, confirmName, actor });
    await audit({
      action: action === "reset" ? "cohort.reset_all" : `cohort.${action}_all`,
      target: { type: "cohort", id: cohortId },
      detail: { done: outcome.done, skipped: outcome.skipped },
    });
    revalidatePath(`/cohorts/${cohortId}`);
    return outcome;
  },
);
