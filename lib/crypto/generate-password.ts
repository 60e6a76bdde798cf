import { randomInt } from "node:crypto";

// Letters and digits that cannot be mistaken for one another when read off a screen.
const alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/** A password for the VM's cloud-init user: shown once to its owner, never stored by the portal. */
export function generatePassword(length = 16): string {
  return Array.from({ length }, () => alphabet[randomInt(alphabet.length)]).join("");
}
