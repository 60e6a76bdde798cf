"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { clearUserQuotaOverride, setUserQuotaOverride } from "@/db/queries/groups";
import { quotaColumnsFrom } from "@/db/queries/quotas";
import { getUserById } from "@/db/queries/users";
import { validatedAction } from "@/lib/actions/validated-action";
import { notFound } from "@/lib/errors";
import { message } from "@/lib/i18n/message";
import { quotaInput } from "@/lib/quotas/quota";
import { setUserDisabledBy } from "@/lib/users/disable-user";

const setDisabledInput = z.object({
  userId: z.string().min(1, message("adminUsers.errors.pickUser")),
  disabled: z.boolean(),
  /** Also stop the person's running VMs (shutdown, then a forced stop after a minute). */
  stopVms: z.boolean().optional(),
});

export const setUserDisabledAction = validatedAction(
  { name: "user.set-disabled", permission: "admin:write", input: setDisabledInput },
  async ({ userId, disabled, stopVms }, { actor, audit }) => {
    const { stopped, failed, ...changed } = await setUserDisabledBy(actor, { userId, disabled, stopVms });
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

const setQuotaInput = quotaInput.extend({ userId: z.string().min(1, message("adminUsers.errors.pickUser")) });

export const setUserQuotaAction = validatedAction(
  { name: "user.quota.set", permission: "admin:write", input: setQuotaInput },
  async ({ userId, quota }, { audit }) => {
    if (!(await getUserById({ id: userId }))) throw notFound(message("adminUsers.errors.noUser"));
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
    input: z.object({ userId: z.string().min(1, message("adminUsers.errors.pickUser")) }),
  },
  async ({ userId }, { audit }) => {
    const cleared = await clearUserQuotaOverride({ userId });
    if (!cleared) throw notFound(message("adminUsers.errors.noOverride"));
    await audit({ action: "user.quota.clear", target: { type: "user", id: userId } });
    revalidatePath(`/admin/users/${userId}`);
    return { userId };
  },
);
