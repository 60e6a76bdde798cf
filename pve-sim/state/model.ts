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
  type: "dir" | "lvmthin" | "pbs";
  content: string[];
  shared: boolean;
  totalBytes: number;
}

/** A file in a guest's synthetic file system: what backups capture and file restore reads. */
export interface GuestFile {
  /** UTF-8 text; the guest's files are small and textual. */
  data: string;
  mtime: number;
}

/** Absolute path → file; directories are implied by the paths. */
export type GuestFiles = Record<string, GuestFile>;

/** What a vzdump archive holds: the VM's config and its disks' contents at backup time. */
export interface BackupImage {
  config: Record<string, string>;
  files: GuestFiles;
  pool?: string;
}

export interface SimVolume {
  storage: string;
  volid: string;
  content: "iso" | "images" | "vztmpl" | "backup";
  size: number;
  format: string;
  vmid?: number;
  ctime: number;
  /** Backups only: `.notes` beside a dir archive, the snapshot comment on PBS. */
  notes?: string;
  /** Backups only: `.protected` beside a dir archive, the snapshot's protected flag on PBS. */
  protected?: boolean;
  backup?: BackupImage;
}

export interface SimSnapshot {
  name: string;
  description: string;
  snaptime: number;
  parent?: string;
  vmstate: boolean;
  /** "prepare" from __snapshot_prepare until the commit; committed snapshots have none. */
  snapstate?: "prepare";
  config: Record<string, string>;
  files?: GuestFiles;
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
  /** QEMU started frozen (`-S`) for a stopped guest's backup: running, qmpstatus `prelaunch`. */
  prelaunch?: boolean;
  lock?: string;
  startedAt?: number;
  agentReadyAt?: number;
  pool?: string;
  snapshots: SimSnapshot[];
  cloudinit?: CloudinitMedium;
  /** The guest's disk contents, abstractly; absent until first written (see guest-files.ts). */
  files?: GuestFiles;
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
