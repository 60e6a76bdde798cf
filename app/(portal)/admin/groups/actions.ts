"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { deleteGroup, upsertGroup } from "@/db/queries/groups";
import { quotaColumnsFrom } from "@/db/queries/quotas";
import { validatedAction } from "@/lib/actions/validated-action";
import { notFound } from "@/lib/errors";
import { message } from "@/lib/i18n/message";
import { groupInput } from "@/lib/quotas/group-input";
import { quotaInput } from "@/lib/quotas/quota";
import { setSetting } from "@/lib/settings/settings";

export const saveGroupAction = validatedAction(
  { name: "group.save", permission: "admin:write", input: groupInput },
  async ({ name, description, role, quota }, { audit }) => {
    const group = await upsertGroup({
      name,
      description: description || null,
      role,
      ...quotaColumnsFrom(quota),
    });
    await audit({ action: "group.save", target: { type: "group", id: group.name }, detail: { role, quota } });
    revalidatePath("/admin/groups");
    return { id: group.id };
  },
);

export const deleteGroupAction = validatedAction(
  {
    name: "group.delete",
    permission: "admin:write",
    input: z.object({ id: z.uuid(message("adminGroups.errors.pickGroup")) }),
  },
  async ({ id }, { audit }) => {
    const group = await deleteGroup({ id });
    if (!group) throw notFound(message("adminGroups.errors.noGroup"));
    await audit({ action: "group.delete", target: { type: "group", id: group.name } });
    revalidatePath("/admin/groups");
    return { id };
  },
);

export const saveDefaultQuotaAction = validatedAction(
  { name: "quota.default.save", permission: "admin:write", input: quotaInput },
  async ({ quota }, { user, audit }) => {
    await setSetting("quota.default", quota, user.id);
    await audit({
      action: "quota.default.save",
      target: { type: "setting", id: "quota.default" },
      detail: { quota },
    });
    revalidatePath("/admin/groups");
    return { quota };
  },
);
