import { z } from "zod";
import { message } from "@/lib/i18n/message";

// Marks and embeddings/overrides/isolates that reorder how text reads (U+202E shows "gpj.exe" as
// "exe.jpg"); no name or label has a use for them.
const bidiControl = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

export const BIDI_MESSAGE = message("validation.text.noBidi");

export function hasBidiControls(text: string): boolean {
  return bidiControl.test(text);
}

/** A name, label or description people read: plain text with no direction-changing characters. */
export function displayText(schema: z.ZodString = z.string()) {
  return schema.refine((text) => !hasBidiControls(text), BIDI_MESSAGE);
}
