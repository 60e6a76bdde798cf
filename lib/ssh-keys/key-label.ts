import type { PublicKey } from "./parse-public-key";

export const SSH_KEY_LABEL_MAX = 60;

/** A key's name: the one typed, else its comment cut to the same length a typed name may have, else its type. */
export function sshKeyLabel(typed: string | undefined, key: Pick<PublicKey, "comment" | "type">): string {
  if (typed) return typed;
  return [...key.comment].slice(0, SSH_KEY_LABEL_MAX).join("").trim() || key.type;
}
