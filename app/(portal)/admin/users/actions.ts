"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { setUserDisabled } from "@/db/queries/users";
import { ActionError, validatedAction } from "@/lib/actions/validated-action";

const setDisabledInput = z.object({
  userId: z.string().min(1, "Pick a user."),
  disabled: z.boolean(),
});

export const setUserDisabledAction = validatedAction(
  { name: "user.set-disabled", permission: "admin:write", input: setDisabledInput },
  async ({ userId, disabled }, { user, audit }) => {
    if (userId === user.id && disabled) throw new ActionError("You cannot disable your own account.", 409);
    const changed = await setUserDisabled({ id: userId, disabled });
    if (!changed) throw new ActionError("That user does not exist.", 404);
    await audit({ action: disabled ? "user.disable" : "user.enable", target: { type: "user", id: userId } });
    revalidatePath("/admin/users");
    return { disabled: changed.disabled };
  },
);
