export interface Upid {
  upid: string;
  node: string;
  pid: number;
  pstart: number;
  starttime: number;
  type: string;
  id: string;
  user: string;
}

const upidPattern =
  /^UPID:([a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?):([0-9A-Fa-f]{8}):([0-9A-Fa-f]{8,9}):([0-9A-Fa-f]{8}):([^:\s/]+):([^:\s/]*):([^:\s/]+):$/;

export function parseUpid(upid: string): Upid | null {
  const match = upidPattern.exec(upid);
  if (!match) return null;
  return {
    upid,
    node: match[1]!,
    pid: Number.parseInt(match[3]!, 16),
    pstart: Number.parseInt(match[4]!, 16),
    starttime: Number.parseInt(match[5]!, 16),
    type: match[6]!,
    id: match[7]!,
    user: match[8]!,
  };
}

const hex = (value: number, width: number) => value.toString(16).toUpperCase().padStart(width, "0");

export function formatUpid(task: Omit<Upid, "upid">): string {
  return `UPID:${task.node}:${hex(task.pid, 8)}:${hex(task.pstart, 8)}:${hex(task.starttime, 8)}:${task.type}:${task.id}:${task.user}:`;
}

/** PVE's rule: `OK` and `WARNINGS: n` are success; any other exit status is the task's error text. */
export function taskSucceeded(exitstatus: string | undefined): boolean {
  return exitstatus === "OK" || /^WARNINGS: \d+$/.test(exitstatus ?? "");
}
