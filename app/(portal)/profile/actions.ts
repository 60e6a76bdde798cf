"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { deleteSshKey } from "@/db/queries/ssh-keys";
import { setLanguagePreferences } from "@/db/queries/users";
import { validatedAction } from "@/lib/actions/validated-action";
import { mintApiToken } from "@/lib/api-tokens/mint-token";
import { revokeOwnApiToken } from "@/lib/api-tokens/revoke-token";
import { tokenInputSchema } from "@/lib/api-tokens/token-input";
import { notFound } from "@/lib/errors";
import { languagePreferencesInput } from "@/lib/i18n/language-preferences-input";
import { message } from "@/lib/i18n/message";
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

const removeKeyInput = z.object({ id: z.uuid(message("validation.profile.pickKey")) });

export const removeSshKeyAction = validatedAction(
  { name: "ssh-key.remove", permission: "portal:use", input: removeKeyInput },
  async ({ id }, { user, audit }) => {
    const removed = await deleteSshKey({ userId: user.id, id });
    if (!removed) throw notFound(message("errors.profile.noSuchKey"));
    await audit({
      action: "ssh-key.remove",
      target: { type: "ssh-key", id },
      detail: { fingerprint: removed.fingerprint },
    });
    revalidatePath("/profile");
    return { id };
  },
);

/** Answers with the token itself, the one time it is ever shown; the audit entry names only its prefix. */
export const createApiTokenAction = validatedAction(
  { name: "api_token.create", permission: "portal:use", input: tokenInputSchema },
  async (input, { user, audit }) => {
    const { token, record } = await mintApiToken(user, input);
    await audit({
      action: "api_token.create",
      target: { type: "api_token", id: record.id },
      detail: {
        name: record.name,
        prefix: record.prefix,
        scopes: record.scopes,
        expiresAt: record.expiresAt?.toISOString() ?? null,
      },
    });
    revalidatePath("/profile");
    return { id: record.id, name: record.name, token };
  },
);

const revokeTokenInput = z.object({ id: z.uuid("Pick a token.") });

export const revokeApiTokenAction = validatedAction(
  { name: "api_token.revoke", permission: "portal:use", input: revokeTokenInput },
  async ({ id }, { user, audit }) => {
    const revoked = await revokeOwnApiToken(user.id, id);
    await audit({
      action: "api_token.revoke",
      target: { type: "api_token", id },
      detail: { name: revoked.name, prefix: revoked.prefix },
    });
    revalidatePath("/profile");
    return { id };
  },
);

/** The language and time zone pages and mail use for this person from the next page on. */
export const setLanguageAction = validatedAction(
  { name: "profile.language", permission: "portal:use", input: languagePreferencesInput },
  async (preferences, { user, audit }) => {
    await setLanguagePreferences(user.id, preferences);
    await audit({ action: "profile.language", target: { type: "user", id: user.id }, detail: preferences });
    revalidatePath("/", "layout");
    return preferences;
  },
);
