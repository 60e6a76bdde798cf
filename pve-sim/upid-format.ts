/** The simulator writes UPIDs as pve-common's upid_encode does; it has its own copy, as PVE has. */
export function formatUpid(task: {
  node: string;
  pid: number;
  pstart: number;
  starttime: number;
  type: string;
  id: string;
  user: string;
}): string {
  const hex = (value: number) => value.toString(16).toUpperCase().padStart(8, "0");
  return `UPID:${task.node}:${hex(task.pid)}:${hex(task.pstart)}:${hex(task.starttime)}:${task.type}:${task.id}:${task.user}:`;
}
