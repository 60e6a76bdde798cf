"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { countSshKeys, deleteSshKey, insertSshKey } from "@/db/queries/ssh-keys";
import { ActionError, validatedAction } from "@/lib/actions/validated-action";
import { sshKeyLabel } from "@/lib/ssh-keys/key-label";
import { parsePublicKey } from "@/lib/ssh-keys/parse-public-key";
import { sshKeyInputSchema } from "@/lib/ssh-keys/ssh-key-input";

const MAX_KEYS = 20;

export const addSshKeyAction = validatedAction(
  { name: "ssh-key.add", permission: "portal:use", input: sshKeyInputSchema },
  async ({ label, publicKey }, { user, audit }) => {
    const parsed = parsePublicKey(publicKey);
    if (!parsed.ok) throw new ActionError(parsed.error);
    if ((await countSshKeys({ userId: user.id })) >= MAX_KEYS) {
      throw new ActionError(`You can keep at most ${MAX_KEYS} keys; remove one first.`, 409);
    }
    const key = await insertSshKey({
      userId: user.id,
      label: sshKeyLabel(label, parsed.key),
      publicKey: parsed.key.line,
      fingerprint: parsed.key.fingerprint,
    });
    if (!key) throw new ActionError("You have already added this key.", 409);
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
    if (!removed) throw new ActionError("That key does not exist.", 404);
    await audit({
      action: "ssh-key.remove",
      target: { type: "ssh-key", id },
      detail: { fingerprint: removed.fingerprint },
    });
    revalidatePath("/profile");
    return { id };
  },
);
