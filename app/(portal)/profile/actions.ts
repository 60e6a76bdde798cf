"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { countSshKeys, deleteSshKey, insertSshKey } from "@/db/queries/ssh-keys";
import { validatedAction } from "@/lib/actions/validated-action";
import { conflict, invalid, notFound } from "@/lib/errors";
import { sshKeyLabel } from "@/lib/ssh-keys/key-label";
import { parsePublicKey } from "@/lib/ssh-keys/parse-public-key";
import { sshKeyInputSchema } from "@/lib/ssh-keys/ssh-key-input";

const MAX_KEYS = 20;

export const addSshKeyAction = validatedAction(
  { name: "ssh-key.add", permission: "portal:use", input: sshKeyInputSchema },
  async ({ label, publicKey }, { user, audit }) => {
    const parsed = parsePublicKey(publicKey);
    if (!parsed.ok) throw invalid(parsed.error, "publicKey");
    if ((await countSshKeys({ userId: user.id })) >= MAX_KEYS) {
      throw conflict(`You can keep at most ${MAX_KEYS} keys; remove one first.`);
    }
    const key = await insertSshKey({
      userId: user.id,
      label: sshKeyLabel(label, parsed.key),
      publicKey: parsed.key.line,
      fingerprint: parsed.key.fingerprint,
    });
    if (!key) throw conflict("You have already added this key.");
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
