import type { GuestFiles, SimVm } from "./model";

/**
 * The simulator models disks abstractly; each VM gets a small file tree instead, which snapshots and
 * backups capture and PBS file restore reads back, so a test can change a file and see two backups differ.
 * A VM that never had a file written gets this tree, derived from its config.
 */
function defaultFiles(vm: SimVm, mtime: number): GuestFiles {
  const name = vm.config.name ?? `vm${vm.vmid}`;
  const user = vm.config.ciuser ?? "debian";
  const file = (data: string) => ({ data, mtime });
  return {
    "/etc/hostname": file(`${name}\n`),
    "/etc/os-release": file('PRETTY_NAME="Debian GNU/Linux 13 (trixie)"\nID=debian\nVERSION_ID="13"\n'),
    [`/home/${user}/notes.txt`]: file(`Notes kept on ${name}.\n`),
    "/var/log/syslog": file(`${name} systemd[1]: Started simulated guest.\n`),
  };
}

/** The VM's files, materialised on first use so that later writes and captures see one tree. */
export function guestFiles(vm: SimVm, now: number): GuestFiles {
  vm.files ??= defaultFiles(vm, Math.floor(now / 1000));
  return vm.files;
}

export function copyFiles(files: GuestFiles): GuestFiles {
  return Object.fromEntries(Object.entries(files).map(([path, file]) => [path, { ...file }]));
}

export function normalizeGuestPath(path: string): string {
  const parts = path.split("/").filter((part) => part && part !== ".");
  if (parts.includes("..")) throw new Error(`invalid path '${path}'`);
  return `/${parts.join("/")}`;
}

/** Writes (or, with null, removes) one file: the test hook for "the guest changed its disk". */
export function writeGuestFile(vm: SimVm, path: string, data: string | null, now: number) {
  const files = guestFiles(vm, now);
  const normal = normalizeGuestPath(path);
  if (normal === "/") throw new Error("cannot write the root directory");
  if (data === null) {
    for (const key of Object.keys(files))
      if (key === normal || key.startsWith(`${normal}/`)) delete files[key];
    return;
  }
  files[normal] = { data, mtime: Math.floor(now / 1000) };
}

export interface TreeEntry {
  name: string;
  path: string;
  kind: "file" | "dir";
  size: number;
  mtime: number;
}

/** The entries directly below `dir`; null when `dir` is neither a directory nor a file of the tree. */
export function listDirectory(files: GuestFiles, dir: string): TreeEntry[] | null {
  const base = dir === "/" ? "" : dir;
  const entries = new Map<string, TreeEntry>();
  for (const [path, file] of Object.entries(files)) {
    if (!path.startsWith(`${base}/`)) continue;
    const [name, ...rest] = path.slice(base.length + 1).split("/");
    const child = `${base}/${name}`;
    const existing = entries.get(child);
    if (rest.length === 0) entries.set(child, { name: name!, path: child, kind: "file", ...sized(file) });
    else
      entries.set(child, {
        name: name!,
        path: child,
        kind: "dir",
        size: 0,
        mtime: Math.max(existing?.mtime ?? 0, file.mtime),
      });
  }
  if (entries.size === 0 && base !== "") return null;
  return [...entries.values()].sort((a, b) => a.name.localeCompare(b.name));
}

function sized(file: { data: string; mtime: number }) {
  return { size: Buffer.byteLength(file.data), mtime: file.mtime };
}

/** Every file at or below `path`, with paths relative to it, for a folder download. */
export function filesBelow(files: GuestFiles, path: string): { name: string; data: string; mtime: number }[] {
  const base = path === "/" ? "" : path;
  return Object.entries(files)
    .filter(([candidate]) => candidate.startsWith(`${base}/`))
    .map(([candidate, file]) => ({ name: candidate.slice(base.length + 1), ...file }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** A rough "bytes on disk" for a backup's size: the files plus a per-disk overhead. */
export function filesSize(files: GuestFiles): number {
  return Object.values(files).reduce((total, file) => total + Buffer.byteLength(file.data), 0);
}
