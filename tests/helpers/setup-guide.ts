import { readFileSync } from "node:fs";
import path from "node:path";
import { type PveumCommand, parsePveum } from "@/lib/proxmox/pveum";

const guide = path.resolve(import.meta.dirname, "../../docs/proxmox-setup.md");

/**
 * The `pveum` commands of docs/proxmox-setup.md's shell blocks, in order, for one release: a block whose
 * first line is `# Proxmox VE 8` or `# Proxmox VE 9` is for that release only, one whose first line starts
 * `# Optional` is the guide's optional grant, every other block is for both.
 */
export function guideCommands(major: 8 | 9): { steps: PveumCommand[]; optional: PveumCommand[] } {
  const text = readFileSync(guide, "utf8");
  const steps: PveumCommand[] = [];
  const optional: PveumCommand[] = [];
  for (const [, body] of text.matchAll(/```sh\n([\s\S]*?)```/g)) {
    const lines = body!.split("\n");
    const release = /^# Proxmox VE (\d)/.exec(lines[0] ?? "")?.[1];
    if (release && Number(release) !== major) continue;
    const into = /^# Optional/.test(lines[0] ?? "") ? optional : steps;
    for (const line of lines) {
      const command = parsePveum(line);
      if (command) into.push(command);
    }
  }
  return { steps, optional };
}
