import { z } from "zod";
import { message } from "@/lib/i18n/message";
import { displayText } from "@/lib/text/display-text";
import { SSH_KEY_LABEL_MAX } from "./key-label";

/** What a member pastes to add a key; the server then parses the key itself. */
export const sshKeyInputSchema = z.object({
  label: displayText(
    z
      .string()
      .trim()
      .max(SSH_KEY_LABEL_MAX, message("validation.sshKeys.nameTooLong", { max: SSH_KEY_LABEL_MAX })),
  ).optional(),
  publicKey: z
    .string()
    .trim()
    .min(1, message("validation.sshKeys.pasteYourPublic"))
    .max(16_384, message("validation.sshKeys.farTooLong")),
});
