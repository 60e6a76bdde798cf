import type { BackupMode } from "@/db/schema";

/** One backup as the VM page's card shows it, dates and size already written for people. */
export interface BackupItem {
  id: string;
  state: "running" | "done" | "failed" | "removed";
  progress: number | null;
  note: string;
  origin: "manual" | "schedule" | "safety";
  mode: string;
  size: string;
  takenAt: string;
  storage: string;
  protected: boolean;
  /** Its files can be browsed and downloaded (PBS backups). */
  browsable: boolean;
  error: string | null;
}

/** An approved storage this VM can back up to, with the modes it allows. */
export interface BackupTarget {
  id: string;
  label: string;
  modes: BackupMode[];
}
