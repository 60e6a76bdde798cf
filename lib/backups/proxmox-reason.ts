import { isProxmoxError } from "@/lib/proxmox";

/** Why a backup or restore went wrong, in a member's words. */
export function proxmoxReason(error: unknown): string {
  if (isProxmoxError(error)) {
    if (error.kind === "task-failed") return `Proxmox could not finish: ${error.message}.`;
    if (error.kind === "connection" || error.kind === "timeout" || error.kind === "proxy")
      return "The cluster did not answer; try again in a few minutes.";
    return `Proxmox refused: ${error.reason ?? error.message}.`;
  }
  return "Something unexpected went wrong on our side.";
}
