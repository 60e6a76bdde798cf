import { readdirSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");

function filesUnder(folder: string, name: string): string[] {
  const absolute = path.join(root, folder);
  const entries = readdirSync(absolute, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name === name)
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)))
    .sort();
}

/** Every admin page, found on disk so that a new page cannot be left out of the authorization tests. */
export function adminPageFiles(): string[] {
  return filesUnder("app/(portal)/admin", "page.tsx");
}

/** Every server-action module under /admin. */
export function adminActionFiles(): string[] {
  return filesUnder("app/(portal)/admin", "actions.ts");
}

/** Every route handler under /api/admin, and the IPAM exports, which only admins (or a token) may read. */
export function adminRouteFiles(): string[] {
  return ["app/api/admin", "app/api/ipam"].flatMap((folder) => {
    try {
      return filesUnder(folder, "route.ts");
    } catch {
      return [];
    }
  });
}

export function importApp(file: string): Promise<Record<string, unknown>> {
  return import(path.join(root, file));
}
