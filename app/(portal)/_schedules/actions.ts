"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { validatedAction } from "@/lib/actions/validated-action";
import { message } from "@/lib/i18n/message";
import { applyPowerTimes } from "@/lib/schedules/manage-schedules";
import { powerTimesFormSchema } from "@/lib/schedules/schedule-input";

const target = z.union([
  z.object({ vmId: z.uuid(message("errors.schedules.noSuchVm")) }),
  z.object({ projectId: z.uuid(message("errors.projects.noSuchProject")) }),
]);

/** A VM's or project's power times from its page; no times removes its schedule. */
export const savePowerTimesAction = validatedAction(
  {
    name: "schedule.set",
    permission: "portal:use",
    input: powerTimesFormSchema.extend({ target }),
  },
  async ({ target, ...times }, { user, actor }) => {
    const outcome = await applyPowerTimes({ person: user, actor, target, input: times });
    revalidatePath("vmId" in target ? `/vms/${target.vmId}` : `/projects/${target.projectId}`);
    return { outcome };
  },
);
