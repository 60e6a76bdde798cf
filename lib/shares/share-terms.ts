import type { VmShare } from "@/db/schema";
import { formatLongDay } from "@/lib/format";

/** "as operator through 10 December 2026": a share's role and end, as timelines and lists say them. */
export function shareTermsText(share: Pick<VmShare, "role" | "expiresAt">): string {
  // A share ends at the first instant after its last day.
  const end = share.expiresAt ? ` through ${formatLongDay(new Date(share.expiresAt.getTime() - 1))}` : "";
  return `as ${share.role}${end}`;
}
