import type { AccessState } from "../access/model";

export type PowerState = "running" | "stopped";

export interface SimNode {
  name: string;
  online: boolean;
  maxcpu: number;
  maxmem: number;
  maxdisk: number;
}

export interface SimStorage {
  id: string;
  type: "dir" | "lvmthin";
  content: string[];
  shared: boolean;
  totalBytes: number;
}

export interface SimVolume {
  storage: string;
  volid: string;
  content: "iso" | "images" | "vztmpl";
  size: number;
  format: string;
  vmid?: number;
  ctime: number;
}

export interface SimSnapshot {
  name: string;
  description: string;
  snaptime: number;
  parent?: string;
  vmstate: boolean;
  config: Record<string, string>;
}

/** The cloud-init drive's contents as the last start wrote them: what the guest reads. */
export interface CloudinitMedium {
  format: string;
  writtenAt: number;
  /** Path on the drive → contents. */
  files: Record<string, string>;
}

export interface SimVm {
  vmid: number;
  node: string;
  config: Record<string, string>;
  /** Changes that wait for the next boot. */
  pending: Record<string, string>;
  pendingDelete: string[];
  status: PowerState;
  paused: boolean;
  lock?: string;
  startedAt?: number;
  agentReadyAt?: number;
  pool?: string;
  snapshots: SimSnapshot[];
  cloudinit?: CloudinitMedium;
}

export interface SimTask {
  upid: string;
  node: string;
  type: string;
  id: string;
  user: string;
  pid: number;
  pstart: number;
  starttime: number;
  status: "running" | "stopped";
  exitstatus?: string;
  log: string[];
  endtime?: number;
}

export interface SimPool {
  poolid: string;
  comment?: string;
}

export interface ClusterState {
  name: string;
  nodes: SimNode[];
  storages: SimStorage[];
  volumes: SimVolume[];
  vms: SimVm[];
  tasks: SimTask[];
  pools: SimPool[];
  /** Users, tokens, roles and ACLs, as /etc/pve/user.cfg and priv/token.cfg keep them. */
  access: AccessState;
}
