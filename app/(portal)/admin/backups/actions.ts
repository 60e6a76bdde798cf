"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { validatedAction } from "@/lib/actions/validated-action";
import { backupRefSchema, backupStorageSchema } from "@/lib/backups/backup-inputs";
import { approveBackupStorage } from "@/lib/backups/backup-storages";
import { deleteBackup, setBackupProtection } from "@/lib/backups/manage-backups";
import { settingDefinitions } from "@/lib/settings/registry";
import { setSetting } from "@/lib/settings/settings";

export const saveBackupStorageAction = validatedAction(
  { name: "backup.storage.save", permission: "admin:write", input: backupStorageSchema },
  async (input, { audit }) => {
    const storage = await approveBackupStorage(input);
    await audit({
      action: "backup.storage.save",
      target: { type: "backup-storage", id: storage.id },
      detail: {
        clusterId: input.clusterId,
        storage: input.storage,
        modes: input.modes,
        compress: input.compress,
      },
    });
    revalidatePath("/admin/backups");
    return { id: storage.id, type: storage.type };
  },
);

export const protectBackupAction = validatedAction(
  {
    name: "backup.protect",
    permission: "admin:write",
    input: backupRefSchema.extend({ protect: z.boolean() }),
  },
  async ({ backupId, protect }, { user, actor, audit }) => {
    await setBackupProtection({ backupId, person: user, protect, actor });
    await audit({
      action: protect ? "backup.protect" : "backup.unprotect",
      target: { type: "backup", id: backupId },
    });
    revalidatePath("/admin/backups");
    return { backupId, protected: protect };
  },
);

export const deleteAnyBackupAction = validatedAction(
  { name: "backup.delete", permission: "admin:write", input: backupRefSchema },
  async ({ backupId }, { user, actor, audit }) => {
    await deleteBackup({ backupId, person: user, actor });
    await audit({ action: "backup.delete", target: { type: "backup", id: backupId } });
    revalidatePath("/admin/backups");
    return { backupId };
  },
);

export const saveBackupLifecycleAction = validatedAction(
  {
    name: "backup.lifecycle.save",
    permission: "admin:write",
    input: settingDefinitions["backup.lifecycle"].schema,
  },
  async (input, { user, audit }) => {
    await setSetting("backup.lifecycle", input, user.id);
    await audit({ action: "backup.lifecycle.save", detail: input });
    revalidatePath("/admin/backups");
    return input;
  },
);
