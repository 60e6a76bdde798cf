import "server-only";
import { createHash } from "node:crypto";
import type { ProxmoxClient } from "@/lib/proxmox";

export interface RecentTask {
  /** Stable per task, and says nothing: a UPID names the node, the process and the API token. */
  key: string;
  type: string;
  status: string | null;
  /** Milliseconds since 1970; the page writes it in the reader's language and zone. */
  startedAt: number | null;
}

/** A VM's latest Proxmox tasks as its page shows them, with nothing of the UPID left in what is sent. */
export async function listRecentTasks(
  client: ProxmoxClient,
  node: string,
  vmid: number,
): Promise<RecentTask[]> {
  const tasks = await client.tasks.list(node, { vmid, limit: 8, source: "all" }).catch(() => []);
  return tasks.map((task) => ({
    key: createHash("sha256").update(task.upid).digest("base64url").slice(0, 16),
    type: task.type,
    status: task.status ?? null,
    startedAt: task.starttime ? task.starttime * 1000 : null,
  }));
}
