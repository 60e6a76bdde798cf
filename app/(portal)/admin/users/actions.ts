"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { clearUserQuotaOverride, setUserQuotaOverride } from "@/db/queries/groups";
import { quotaColumnsFrom } from "@/db/queries/quotas";
import { getUserById, setUserDisabled } from "@/db/queries/users";
import { ActionError, validatedAction } from "@/lib/actions/validated-action";
import { quotaInput } from "@/lib/quotas/quota";
import { stopUsersVms } from "@/lib/vms/stop-users-vms";

const setDisabledInput = z.object({
  userId: z.string().min(1, "Pick a user."),
  disabled: z.boolean(),
  /** Also stop the person's running VMs (shutdown, then a forced stop after a minute). */
  stopVms: z.boolean().optional(),
});

export const setUserDisabledAction = validatedAction(
  { name: "user.set-disabled", permission: "admin:write", input: setDisabledInput },
  async ({ userId, disabled, stopVms }, { user, audit }) => {
    if (userId === user.id && disabled) throw new ActionError("You cannot disable your own account.", 409);
    const changed = await setUserDisabled({ id: userId, disabled });
    if (!changed) throw new ActionError("That user does not exist.", 404);
    const { stopped, failed } =
      disabled && stopVms
        ? await stopUsersVms(userId, { id: user.id, label: user.name ?? user.id })
        : { stopped: [], failed: [] };
    await audit({
      action: disabled ? "user.disable" : "user.enable",
      target: { type: "user", id: userId },
      detail: stopVms ? { stoppedVms: stopped, notStoppedVms: failed } : undefined,
    });
    revalidatePath("/admin/users");
    revalidatePath(`/admin/users/${userId}`);
    return {
      disabled: changed.disabled,
      stoppedVms: stopped.length,
      notStopped: failed.map(({ name, reason }) => ({ name, reason })),
    };
  },
);

const setQuotaInput = quotaInput.extend({ userId: z.string().min(1, "Pick a user.") });

export const setUserQuotaAction = validatedAction(
  { name: "user.quota.set", permission: "admin:write", input: setQuotaInput },
  async ({ userId, quota }, { audit }) => {
    if (!(await getUserById({ id: userId }))) throw new ActionError("That user does not exist.", 404);
    await setUserQuotaOverride({ userId, ...quotaColumnsFrom(quota) });
    await audit({ action: "user.quota.set", target: { type: "user", id: userId }, detail: { quota } });
    revalidatePath(`/admin/users/${userId}`);
    return { quota };
  },
);

export const clearUserQuotaAction = validatedAction(
  {
    name: "user.quota.clear",
    permission: "admin:write",
    input: z.object({ userId: z.string().min(1, "Pick a user.") }),
  },
  async ({ userId }, { audit }) => {
    const cleared = await clearUserQuotaOverride({ userId });
    if (!cleared) throw new ActionError("That user has no quota override.", 404);
    await audit({ action: "user.quota.clear", target: { type: "user", id: userId } });
    revalidatePath(`/admin/users/${userId}`);
    return { userId };
  },
);
