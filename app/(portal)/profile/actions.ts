"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { deleteSshKey } from "@/db/queries/ssh-keys";
import { validatedAction } from "@/lib/actions/validated-action";
import { notFound } from "@/lib/errors";
import { addSshKey } from "@/lib/ssh-keys/add-ssh-key";
import { sshKeyInputSchema } from "@/lib/ssh-keys/ssh-key-input";

export const addSshKeyAction = validatedAction(
  { name: "ssh-key.add", permission: "portal:use", input: sshKeyInputSchema },
  async (input, { user, audit }) => {
    const key = await addSshKey(user.id, input);
    await audit({
      action: "ssh-key.add",
      target: { type: "ssh-key", id: key.id },
      detail: { fingerprint: key.fingerprint },
    });
    revalidatePath("/profile");
    return { id: key.id, fingerprint: key.fingerprint };
  },
);

const removeKeyInput = z.object({ id: z.uuid("Pick a key.") });

export const removeSshKeyAction = validatedAction(
  { name: "ssh-key.remove", permission: "portal:use", input: removeKeyInput },
  async ({ id }, { user, audit }) => {
    const removed = await deleteSshKey({ userId: user.id, id });
    if (!removed) throw notFound("That key does not exist.");
    await audit({
      action: "ssh-key.remove",
      target: { type: "ssh-key", id },
      detail: { fingerprint: removed.fingerprint },
    });
    revalidatePath("/profile");
    return { id };
  },
);
