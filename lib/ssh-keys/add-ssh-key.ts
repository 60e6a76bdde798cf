import "server-only";
import { countSshKeys, insertSshKey } from "@/db/queries/ssh-keys";
import { conflict, invalid } from "@/lib/errors";
import { message } from "@/lib/i18n/message";
import { sshKeyLabel } from "./key-label";
import { parsePublicKey } from "./parse-public-key";

export const MAX_SSH_KEYS = 20;

/** Adds a public key to a person's profile, which new VMs receive through cloud-init. */
export async function addSshKey(userId: string, input: { label?: string; publicKey: string }) {
  const parsed = parsePublicKey(input.publicKey);
  if (!parsed.ok) throw invalid(parsed.error, "publicKey");
  if ((await countSshKeys({ userId })) >= MAX_SSH_KEYS) {
    throw conflict(message("errors.sshKeys.tooMany", { max: MAX_SSH_KEYS }));
  }
  const key = await insertSshKey({
    userId,
    label: sshKeyLabel(input.label, parsed.key),
    publicKey: parsed.key.line,
    fingerprint: parsed.key.fingerprint,
  });
  if (!key) throw conflict(message("errors.sshKeys.duplicate"));
  return key;
}
