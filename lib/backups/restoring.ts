import { parseMessage } from "@/lib/i18n/message";

/**
 * A restore is under way on the VM: its progress line says so. Lines are catalog tokens now
 * (`progress.restoring*`); rows written before them hold the English words.
 */
export function isRestoring(stateDetail: string | null | undefined): boolean {
  if (!stateDetail) return false;
  const parsed = parseMessage(stateDetail);
  return parsed ? parsed.key.startsWith("progress.restoring") : stateDetail.startsWith("Restoring");
}
