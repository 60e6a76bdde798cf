import { z } from "zod";
import { displayText } from "@/lib/text/display-text";
import { SSH_KEY_LABEL_MAX } from "./key-label";

/** What a member pastes to add a key; the server then parses the key itself. */
export const sshKeyInputSchema = z.object({
  label: displayText(
    z.string().trim().max(SSH_KEY_LABEL_MAX, `Keep the name to ${SSH_KEY_LABEL_MAX} characters or fewer.`),
  ).optional(),
  publicKey: z
    .string()
    .trim()
    .min(1, "Paste your public key, the line in ~/.ssh/id_ed25519.pub.")
    .max(16_384, "That is far too long for a public key."),
});
